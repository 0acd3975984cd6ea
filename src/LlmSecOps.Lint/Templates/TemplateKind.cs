namespace LlmSecOps.Lint.Templates;

/// <summary>What a template is for.</summary>
internal enum TemplateKind
{
    /// <summary>A prompt or one message of a prompt.</summary>
    Prompt,

    /// <summary>A model's chat template (tokenizer_config.json, GGUF, *.jinja), formatting a whole conversation.</summary>
    ChatTemplate,

    /// <summary>A web view template that renders model output (HTML with Jinja/Django syntax).</summary>
    ViewTemplate,
}
