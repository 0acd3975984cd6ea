using System.Text.RegularExpressions;

namespace LlmSecOps.Lint.Code;

/// <summary>Name patterns for LLM calls, model output and sinks, shared by the code checks.</summary>
internal static partial class CodeNames
{
    /// <summary>Substrings whose presence makes a source file worth reading as LLM code.</summary>
    public static readonly string[] LlmIndicators =
    [
        "openai", "OpenAI", "anthropic", "Anthropic", "langchain", "LangChain", "semantic_kernel", "SemanticKernel", "Microsoft.Extensions.AI",
        "llama_index", "llamaindex", "ollama", "google.generativeai", "google.genai", "GenerativeModel", "mistralai", "cohere", "huggingface",
        "transformers", "ChatClient", "IChatClient", "chat.completions", "ChatCompletion", "generateText", "streamText", "generateObject",
        "@ai-sdk", "\"ai\"", "'ai'", "litellm", "Kernel", "autogen", "crewai", "SystemMessage", "HumanMessage", "\"role\"", "'role'", "role:", "Role =",
        "llm", "LLM", "prompt", "Prompt", "completion", "Completion",
    ];

    /// <summary>Whether a callee is a call that returns model output.</summary>
    public static bool IsLlmCall(string callee)
    {
        if (callee.Length == 0)
        {
            return false;
        }

        if (LlmCallRegex().IsMatch(callee))
        {
            return true;
        }

        var dot = callee.LastIndexOf('.');
        if (dot <= 0)
        {
            return BareLlmCallRegex().IsMatch(callee);
        }

        var method = callee[(dot + 1)..];
        var receiver = callee[..dot];
        return GenericCallRegex().IsMatch(method) && LlmReceiverRegex().IsMatch(receiver);
    }

    /// <summary>Whether an expression's text reads as model output on its face.</summary>
    public static bool LooksLikeModelOutput(string expression) => ModelOutputRegex().IsMatch(expression);

    /// <summary>Whether an expression passes its value through an HTML sanitizer or escaper.</summary>
    public static bool IsSanitized(string expression) => SanitizerRegex().IsMatch(expression);

    [GeneratedRegex(@"(?:^|\.)(?:completions|ChatCompletion|Completion|responses|messages|chat)\.(?:create|acreate|parse|stream)$|(?:^|\.)(?:CompleteChat|CompleteChatAsync|CompleteChatStreaming|CompleteChatStreamingAsync|GetChatMessageContentAsync|GetChatMessageContentsAsync|GetStreamingChatMessageContentsAsync|InvokePromptAsync|GetResponseAsync|GetStreamingResponseAsync|GetCompletionsAsync|GetChatCompletionsAsync|GenerateContentAsync|generate_content|generate_content_async|send_message|GetCompletionAsync)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LlmCallRegex();

    [GeneratedRegex(@"^(?:generateText|streamText|generateObject|streamObject|completion|chatCompletion|chat_completion|llm|call_llm|ask_llm|query_llm|invoke_llm|run_llm|ask_gpt|call_gpt|call_openai|ask_openai|get_completion|get_llm_response|get_model_response|complete|litellm\.completion|acompletion)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BareLlmCallRegex();

    [GeneratedRegex(@"^(?:invoke|ainvoke|predict|apredict|generate|agenerate|run|arun|call|chat|achat|complete|acomplete|stream|query|kickoff|initiate_chat|generate_reply)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex GenericCallRegex();

    [GeneratedRegex(@"(?i)(?:llm|chain|model|agent|gpt|openai|anthropic|claude|ollama|gemini|crew|kernel|chatbot|bot|assistant|chat|client|engine|pipeline|qa|rag|completion)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LlmReceiverRegex();

    [GeneratedRegex(@"\.choices\s*\[|\.message\.content|\.output_text\b|\.Content\s*\[\s*0\s*\]\s*\.Text|\bcompletion(?:_text)?\b|\b(?:llm|model|ai|gpt|bot|assistant)_?(?:output|response|result|answer|reply|message|text|html|sql|code|command)\b|\bgenerated_?(?:text|code|sql|query|html|command|markdown)\b|\b(?:llmOutput|llmResponse|modelOutput|modelResponse|aiResponse|aiMessage|aiReply|gptResponse|generatedText|generatedCode|generatedSql|generatedHtml)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ModelOutputRegex();

    [GeneratedRegex(@"(?i)(?:DOMPurify|sanitize|purify|bleach\.clean|nh3\.clean|escape|HtmlEncode|HtmlEncoder|xss\(|filterXSS|striptags|strip_tags|textContent|innerText)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SanitizerRegex();
}
