using System.Collections.Frozen;

namespace LlmSecOps.Lint.Diagnostics;

/// <summary>Every built-in rule, in id order.</summary>
public static class RuleCatalog
{
    private static readonly LintRule[] Rules =
    [
        new()
        {
            Id = RuleIds.ParseError, Name = "parse-error", DefaultSeverity = LintSeverity.Error, IsDiagnostic = true,
            Summary = "A template, configuration or schema file could not be parsed.",
            Why = "A file the linter cannot read is a file it cannot check; the application that loads it will usually fail too, or worse, read it differently.",
            Fix = "Correct the syntax at the reported position. If the file is not a prompt or LLM configuration, exclude it in .llmsecops.yaml.",
            SecuritySeverity = 1.0,
        },
        new()
        {
            Id = RuleIds.UntrustedInSystemPrompt, Name = "untrusted-input-in-system-prompt", DefaultSeverity = LintSeverity.Error,
            Summary = "Untrusted input is interpolated into a system prompt.",
            Why = "The system prompt carries the highest authority in the conversation. Text from a user, a retrieved document or a tool result placed there can rewrite the rules the model follows, and whatever the prompt holds becomes easier to extract.",
            Fix = "Keep the system prompt constant. Pass user-controlled values in a user message, wrapped in delimiters, or mark the variable trusted in the prompt schema if it really comes from your own configuration.",
            Owasp = [OwaspLlm.PromptInjection, OwaspLlm.SystemPromptLeakage],
            SecuritySeverity = 8.1,
        },
        new()
        {
            Id = RuleIds.UntrustedUndelimited, Name = "untrusted-input-undelimited", DefaultSeverity = LintSeverity.Warning,
            Summary = "Untrusted input is inserted into a prompt without delimiters or quoting.",
            Why = "Without a visible boundary the model cannot tell where the application's instructions end and the user's text begins, so instructions hidden in the input read as if the developer wrote them.",
            Fix = "Wrap the variable in a tag pair (<user_input>…</user_input>), a fenced block or quotes, or encode it (| tojson), and tell the model that the delimited text is data.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 5.3,
        },
        new()
        {
            Id = RuleIds.NoRestatement, Name = "untrusted-input-not-followed-by-instructions", DefaultSeverity = LintSeverity.Note,
            Summary = "Untrusted input ends the prompt; the task is not restated after it.",
            Why = "Models weigh the most recent text heavily. When attacker-controlled text is the last thing in the prompt, an instruction inside it competes with yours on equal or better terms.",
            Fix = "After the untrusted block, restate the task in one sentence (the \"sandwich\" layout), e.g. \"Answer only the question above, using the rules stated at the start.\"",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 3.1,
        },
        new()
        {
            Id = RuleIds.RetrievedUnquoted, Name = "retrieved-context-unquoted", DefaultSeverity = LintSeverity.Warning,
            Summary = "Retrieved context (documents, search results, tool output) is inserted without delimiters.",
            Why = "Retrieved text is written by third parties. Inserted bare, instructions planted in a web page, an e-mail or a vector-store chunk become indirect prompt injection.",
            Fix = "Wrap each retrieved item in tags such as <document source=\"…\">…</document>, say that document content is data and never instructions, and consider scanning retrieved text with the guard (retrieved direction).",
            Owasp = [OwaspLlm.PromptInjection, OwaspLlm.VectorAndEmbeddingWeaknesses],
            SecuritySeverity = 6.1,
        },
        new()
        {
            Id = RuleIds.RoleMarkerInContent, Name = "role-marker-in-content", DefaultSeverity = LintSeverity.Warning,
            Summary = "Chat role markers (\"Assistant:\", <|im_start|>, [INST]) are written into a prompt that carries untrusted input.",
            Why = "When turns are marked by plain text, the user can forge them: typing \"Assistant: Sure, here is…\" or a fake system turn makes the model believe a conversation happened that did not.",
            Fix = "Use the API's message list with explicit roles instead of role labels in a single string, and strip or escape role markers from user input.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 5.0,
        },
        new()
        {
            Id = RuleIds.InvisibleUnicode, Name = "invisible-unicode", DefaultSeverity = LintSeverity.Error,
            Summary = "Invisible or bidirectional-control Unicode characters in a template or configuration.",
            Why = "Zero-width, tag and bidi-control characters are invisible in review but read by the model (and by compilers, for bidi). They hide instructions in prompts and make code review show something other than what runs.",
            Fix = "Delete the characters. If a character is intended, write it as an escape sequence so reviewers can see it.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 7.5,
        },
        new()
        {
            Id = RuleIds.UndeclaredVariable, Name = "undeclared-variable", DefaultSeverity = LintSeverity.Warning,
            Summary = "A template uses a variable that its declarations or prompt schema do not declare.",
            Why = "An undeclared variable escapes schema validation: its length, format and trust level are never checked, so it is the easiest path for untrusted text into the prompt.",
            Fix = "Declare the variable (input_variables, prompty inputs, or the prompt schema) with a type, a maximum length and a trust level, or remove it from the template.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 4.0,
        },
        new()
        {
            Id = RuleIds.UnusedVariable, Name = "unused-variable", DefaultSeverity = LintSeverity.Note,
            Summary = "A declared variable is never used by the template.",
            Why = "Declarations that no longer match the template mean the validation in front of the prompt checks something other than what is inserted, which hides the gaps reported by the other rules.",
            Fix = "Remove the declaration or use the variable.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 1.5,
        },
        new()
        {
            Id = RuleIds.SchemaViolation, Name = "schema-violation", DefaultSeverity = LintSeverity.Error,
            Summary = "A sample or default value, or the prompt schema itself, violates the declared constraints.",
            Why = "The schema is what the gateway enforces at run time. Samples that break it, or schema entries that cannot be enforced (a bad pattern, an unknown type), mean the runtime check is wrong or absent.",
            Fix = "Fix the value or the schema entry named in the message.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 4.5,
        },
        new()
        {
            Id = RuleIds.BypassPassesGuard, Name = "bypass-passes-guard", DefaultSeverity = LintSeverity.Error,
            Summary = "Bypass strings inserted through a template pass the guard engine unflagged.",
            Why = "Each bypass in the corpus is a known way to smuggle instructions. If one passes the guard once rendered into this template, the template (its wrapping, encoding or position of the variable) helps the attack through.",
            Fix = "Delimit or encode the variable, shorten its maximum length in the schema, or tighten the guard policy; then replay the corpus again.",
            Owasp = [OwaspLlm.PromptInjection],
            SecuritySeverity = 7.0,
        },
        new()
        {
            Id = RuleIds.SecretInTemplate, Name = "secret-in-template", DefaultSeverity = LintSeverity.Error,
            Summary = "A credential (API key, token, private key) is written in a template, configuration or source file.",
            Why = "Anything in a prompt can be repeated by the model, and anything in the repository is read by everyone with access to it. A key in a system prompt is one \"repeat your instructions\" away from public.",
            Fix = "Remove the secret, rotate it, and load it at run time from a secret store or environment variable. Never put credentials in prompts.",
            Owasp = [OwaspLlm.SensitiveInformationDisclosure, OwaspLlm.SystemPromptLeakage],
            SecuritySeverity = 9.0,
        },
        new()
        {
            Id = RuleIds.HardcodedPii, Name = "hardcoded-pii", DefaultSeverity = LintSeverity.Warning,
            Summary = "Personal data (e-mail address, phone number, card or identity number) is hard-coded in a prompt or its examples.",
            Why = "Few-shot examples and templates are sent with every request and logged by every hop. Real personal data there is disclosed to the model provider, to logs and to any user who extracts the prompt.",
            Fix = "Replace it with clearly fictitious data, for example addresses at example.com (RFC 2606) and reserved phone ranges.",
            Owasp = [OwaspLlm.SensitiveInformationDisclosure],
            SecuritySeverity = 5.5,
        },
        new()
        {
            Id = RuleIds.ConfidentialSystemPrompt, Name = "confidential-system-prompt", DefaultSeverity = LintSeverity.Warning,
            Summary = "A system prompt holds credentials or access-control rules that only work while the prompt stays secret.",
            Why = "System prompts leak. A password stated in one, or an authorisation rule enforced only by asking the model (\"if the user is an admin…\"), is bypassed by extraction or by simply claiming the role.",
            Fix = "Enforce authorisation in code before the model is called, and keep secrets out of the prompt; assume the prompt is public.",
            Owasp = [OwaspLlm.SystemPromptLeakage],
            SecuritySeverity = 6.5,
        },
        new()
        {
            Id = RuleIds.DangerousToolUnconstrained, Name = "dangerous-tool-unconstrained", DefaultSeverity = LintSeverity.Error,
            Summary = "A tool that runs commands or code, writes files, fetches URLs or queries a database takes arguments without constraints.",
            Why = "The model chooses tool arguments, and an injected instruction chooses them for it. A free-form string handed to a shell, interpreter, file system, SQL engine or HTTP client turns prompt injection into remote code execution, data loss or server-side request forgery.",
            Fix = "Constrain every string argument in the tool's JSON schema (enum, pattern, maxLength, format), narrow the tool to one purpose, and enforce the same constraints in the gateway policy (tools.arguments).",
            Owasp = [OwaspLlm.ExcessiveAgency, OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 8.8,
        },
        new()
        {
            Id = RuleIds.OverbroadToolDescription, Name = "overbroad-tool-description", DefaultSeverity = LintSeverity.Warning,
            Summary = "A tool description invites arbitrary use (\"run any command\", \"full access\", \"do anything the user asks\").",
            Why = "The description is the model's only guide to when and how to call the tool. Promising arbitrary power makes the model use it for whatever an injected instruction requests.",
            Fix = "Describe the single task the tool performs and its limits, e.g. \"Returns the current weather for a city name\".",
            Owasp = [OwaspLlm.ExcessiveAgency],
            SecuritySeverity = 5.0,
        },
        new()
        {
            Id = RuleIds.SafetyDisabled, Name = "safety-control-disabled", DefaultSeverity = LintSeverity.Error,
            Summary = "A flag switches a safety control off (allow_dangerous_*, dangerously*, safe_mode: false, moderation or guardrails off, safety thresholds set to BLOCK_NONE, trust_remote_code, tool approval never).",
            Why = "These flags exist because the default protects against a known abuse: arbitrary requests from agents, code execution, deserialisation of untrusted data, unmoderated content or unapproved tool calls.",
            Fix = "Remove the flag. If the capability is really needed, isolate it (sandbox, allow-list, human approval) and suppress the finding inline with the reason.",
            Owasp = [OwaspLlm.ExcessiveAgency, OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 8.0,
        },
        new()
        {
            Id = RuleIds.UnsanitizedHtmlOutput, Name = "unsanitized-html-output", DefaultSeverity = LintSeverity.Error,
            Summary = "Model output is rendered as HTML or Markdown without sanitising (innerHTML, dangerouslySetInnerHTML, Markup, | safe, Html.Raw, marked without a sanitizer).",
            Why = "Model output is attacker-influenced. Rendered as HTML it becomes cross-site scripting, and Markdown images become a zero-click exfiltration channel.",
            Fix = "Render as text, or pass the HTML through a sanitizer (DOMPurify, bleach, HtmlSanitizer) with an allow-list that drops scripts, event handlers and external images.",
            Owasp = [OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 8.2,
        },
        new()
        {
            Id = RuleIds.EvalOfModelOutput, Name = "eval-of-model-output", DefaultSeverity = LintSeverity.Error,
            Summary = "Model output is evaluated as code (eval, exec, new Function, template rendering of output).",
            Why = "Whoever controls the prompt controls the output; evaluating it gives them code execution in your process.",
            Fix = "Never evaluate output. Parse it into a constrained data structure (a JSON schema, an enum of actions) and dispatch on that; run generated code only in an isolated sandbox.",
            Owasp = [OwaspLlm.ImproperOutputHandling, OwaspLlm.ExcessiveAgency],
            SecuritySeverity = 9.3,
        },
        new()
        {
            Id = RuleIds.SqlFromModelOutput, Name = "sql-from-model-output", DefaultSeverity = LintSeverity.Error,
            Summary = "A SQL statement is built from or consists of model output.",
            Why = "Generated SQL is SQL injection by design: an injected prompt can drop tables or read data the user may not see.",
            Fix = "Have the model produce parameters, not SQL, and bind them to a fixed, parameterised query; if free-form SQL is the feature, run it read-only with a least-privilege account and an allow-listed schema.",
            Owasp = [OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 8.8,
        },
        new()
        {
            Id = RuleIds.ShellFromModelOutput, Name = "shell-from-model-output", DefaultSeverity = LintSeverity.Error,
            Summary = "A shell or process command is built from model output.",
            Why = "Model output in a command line is command injection: the model, and whoever steers it, chooses what runs on the host.",
            Fix = "Map model decisions to a fixed set of commands with validated arguments passed as an argument list, never through a shell; sandbox anything else.",
            Owasp = [OwaspLlm.ImproperOutputHandling, OwaspLlm.ExcessiveAgency],
            SecuritySeverity = 9.3,
        },
        new()
        {
            Id = RuleIds.OutputParsedWithoutSchema, Name = "output-parsed-without-schema", DefaultSeverity = LintSeverity.Warning,
            Summary = "Model output is parsed as JSON, but the request asks for no structured output format or schema.",
            Why = "Free-form output parsed as data fails unpredictably and lets an injected prompt choose fields and values the code then trusts.",
            Fix = "Request structured output (response_format with a JSON schema, with_structured_output, a typed output parser) and validate the parsed value before use.",
            Owasp = [OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 4.3,
        },
        new()
        {
            Id = RuleIds.UnpinnedModel, Name = "unpinned-model-version", DefaultSeverity = LintSeverity.Warning,
            Summary = "A model is referenced by a moving alias (gpt-4o, claude-3-5-sonnet-latest, llama3:latest) instead of a dated snapshot.",
            Why = "Aliases are re-pointed by the provider. Guard thresholds, evaluations and red-team results measured against one model silently stop applying when another one answers.",
            Fix = "Use a dated snapshot (gpt-4o-2024-08-06, claude-3-5-sonnet-20241022) or an explicit version tag, and re-run the probe suite when you move it.",
            Owasp = [OwaspLlm.SupplyChain],
            SecuritySeverity = 3.5,
        },
        new()
        {
            Id = RuleIds.MaxTokensAbsent, Name = "max-tokens-absent", DefaultSeverity = LintSeverity.Note,
            Summary = "Model parameters are set but no output token limit is.",
            Why = "Without a cap, a prompt that makes the model loop or ramble costs as much as the model's maximum output on every request, a cheap denial-of-wallet.",
            Fix = "Set max_tokens (max_completion_tokens, max_output_tokens, MaxOutputTokenCount) to the largest answer the feature needs.",
            Owasp = [OwaspLlm.UnboundedConsumption],
            SecuritySeverity = 2.5,
        },
        new()
        {
            Id = RuleIds.TemperatureWithJson, Name = "temperature-extreme-with-json", DefaultSeverity = LintSeverity.Warning,
            Summary = "A sampling temperature above 1.0 is combined with JSON output.",
            Why = "High temperature makes malformed or invented fields likely; code that parses the output then takes error paths or trusts made-up values.",
            Fix = "Use a temperature of 1.0 or less (usually 0–0.3) for structured output.",
            Owasp = [OwaspLlm.Misinformation, OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 3.0,
        },
        new()
        {
            Id = RuleIds.PromptTooLong, Name = "prompt-too-long", DefaultSeverity = LintSeverity.Note,
            Summary = "A prompt template is longer than the configured limit (max_prompt_chars).",
            Why = "Long fixed prompts cost tokens on every call, push user content towards the context limit and dilute the instructions that matter for safety.",
            Fix = "Move reference material to retrieval, remove duplication, or raise max_prompt_chars in .llmsecops.yaml if the length is intended.",
            Owasp = [OwaspLlm.UnboundedConsumption],
            SecuritySeverity = 2.0,
        },
        new()
        {
            Id = RuleIds.JinjaSandboxEscape, Name = "jinja-sandbox-escape", DefaultSeverity = LintSeverity.Error,
            Summary = "A Jinja template reaches Python internals (__class__, __globals__, __subclasses__, mro, cycler/joiner/namespace internals, _TemplateReference__context) or imports other templates.",
            Why = "Chat templates ship inside model files and are rendered by inference servers. These constructs are the known ways out of the Jinja sandbox into code execution on the server.",
            Fix = "Chat templates need only loops, conditions and string operations on messages. Remove the construct; do not load models whose templates contain it.",
            Owasp = [OwaspLlm.SupplyChain, OwaspLlm.ImproperOutputHandling],
            SecuritySeverity = 9.1,
        },
        new()
        {
            Id = RuleIds.SuppressionWithoutReason, Name = "suppression-without-reason", DefaultSeverity = LintSeverity.Warning, IsDiagnostic = true,
            Summary = "An inline suppression gives no reason, or names a rule that does not exist; it does not take effect.",
            Why = "A suppression is a security decision; without a reason reviewers cannot judge it later.",
            Fix = "Write the reason after a colon: \"llmsecops-ignore LLM002: input is an enum validated upstream\".",
            SecuritySeverity = 1.0,
        },
        new()
        {
            Id = RuleIds.UnusedSuppression, Name = "unused-suppression", DefaultSeverity = LintSeverity.Note, IsDiagnostic = true,
            Summary = "An inline suppression matches no finding.",
            Why = "Stale suppressions silence future findings that nobody reviewed.",
            Fix = "Remove the suppression comment.",
            SecuritySeverity = 0.5,
        },
    ];

    private static readonly FrozenDictionary<string, LintRule> ById =
        Rules.ToFrozenDictionary(static r => r.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<LintRule> All => Rules;

    /// <summary>The rule with the given id (case-insensitive), or null.</summary>
    public static LintRule? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;

    /// <summary>The rule with the given id; throws for unknown ids.</summary>
    public static LintRule Get(string id) =>
        Find(id) ?? throw new ArgumentException($"unknown rule '{id}'", nameof(id));
}
