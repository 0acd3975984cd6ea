namespace LlmSecOps.Lint.Diagnostics;

/// <summary>The identifiers of the built-in rules.</summary>
public static class RuleIds
{
    /// <summary>A template or configuration file could not be parsed.</summary>
    public const string ParseError = "LLM000";

    /// <summary>Untrusted input is interpolated into a system prompt.</summary>
    public const string UntrustedInSystemPrompt = "LLM001";

    /// <summary>Untrusted input is inserted without delimiters or quoting.</summary>
    public const string UntrustedUndelimited = "LLM002";

    /// <summary>Untrusted input is the last thing in the prompt; the task is not restated after it.</summary>
    public const string NoRestatement = "LLM003";

    /// <summary>Retrieved context is inserted without delimiters or quoting.</summary>
    public const string RetrievedUnquoted = "LLM004";

    /// <summary>Chat role markers appear inside a prompt that carries untrusted input.</summary>
    public const string RoleMarkerInContent = "LLM005";

    /// <summary>Invisible or bidirectional-control Unicode characters.</summary>
    public const string InvisibleUnicode = "LLM006";

    /// <summary>A template uses a variable that is not declared.</summary>
    public const string UndeclaredVariable = "LLM007";

    /// <summary>A declared variable is never used by the template.</summary>
    public const string UnusedVariable = "LLM008";

    /// <summary>A value or declaration violates the prompt schema.</summary>
    public const string SchemaViolation = "LLM009";

    /// <summary>Bypass strings inserted through a template pass the guard unflagged.</summary>
    public const string BypassPassesGuard = "LLM010";

    /// <summary>A secret is written in a template, configuration or source file.</summary>
    public const string SecretInTemplate = "LLM011";

    /// <summary>Personal data is hard-coded in a prompt or its examples.</summary>
    public const string HardcodedPii = "LLM012";

    /// <summary>A system prompt holds credentials or access-control rules that rely on it staying secret.</summary>
    public const string ConfidentialSystemPrompt = "LLM013";

    /// <summary>A tool with a dangerous capability accepts unconstrained arguments.</summary>
    public const string DangerousToolUnconstrained = "LLM014";

    /// <summary>A tool description grants more than the tool should do.</summary>
    public const string OverbroadToolDescription = "LLM015";

    /// <summary>A flag switches a safety control off.</summary>
    public const string SafetyDisabled = "LLM016";

    /// <summary>Model output is rendered as HTML or Markdown without sanitising.</summary>
    public const string UnsanitizedHtmlOutput = "LLM017";

    /// <summary>Model output is evaluated as code.</summary>
    public const string EvalOfModelOutput = "LLM018";

    /// <summary>SQL is built from model output.</summary>
    public const string SqlFromModelOutput = "LLM019";

    /// <summary>A shell command is built from model output.</summary>
    public const string ShellFromModelOutput = "LLM020";

    /// <summary>Model output is parsed as JSON but no output schema is requested.</summary>
    public const string OutputParsedWithoutSchema = "LLM021";

    /// <summary>A model is referenced by a moving alias rather than a pinned snapshot.</summary>
    public const string UnpinnedModel = "LLM022";

    /// <summary>Model parameters set no output token limit.</summary>
    public const string MaxTokensAbsent = "LLM023";

    /// <summary>A high sampling temperature is combined with structured (JSON) output.</summary>
    public const string TemperatureWithJson = "LLM024";

    /// <summary>A prompt template is longer than the configured limit.</summary>
    public const string PromptTooLong = "LLM025";

    /// <summary>A Jinja template uses constructs that escape the sandbox and can run code.</summary>
    public const string JinjaSandboxEscape = "LLM026";

    /// <summary>An inline suppression gives no reason or names an unknown rule.</summary>
    public const string SuppressionWithoutReason = "LLM090";

    /// <summary>An inline suppression matches no finding.</summary>
    public const string UnusedSuppression = "LLM091";
}
