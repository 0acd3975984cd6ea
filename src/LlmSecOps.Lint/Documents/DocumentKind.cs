namespace LlmSecOps.Lint.Documents;

/// <summary>What kind of file a document was read from.</summary>
internal enum DocumentKind
{
    /// <summary>A plain text or Markdown prompt.</summary>
    TextPrompt,

    /// <summary>A <c>.prompty</c> file: YAML front matter and a template.</summary>
    Prompty,

    /// <summary>YAML (Semantic Kernel prompt, LangChain prompt, tools, assistant or other LLM configuration).</summary>
    Yaml,

    /// <summary>JSON (LangChain prompt, tools, assistant, tokenizer_config.json, requests).</summary>
    Json,

    /// <summary>A Jinja template file (chat template or prompt).</summary>
    Jinja,

    /// <summary>An HTML view template that may render model output.</summary>
    ViewTemplate,

    /// <summary>Python, C# or TypeScript/JavaScript source.</summary>
    Code,
}
