using LlmSecOps.Lint.Data;

namespace LlmSecOps.Lint.Documents;

/// <summary>A sample or default value a document gives for a variable.</summary>
internal sealed record SampleValue(string Name, DataNode Value);
