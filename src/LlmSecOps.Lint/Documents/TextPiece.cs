using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>A piece of template text and where its characters are in the file.</summary>
internal sealed record TextPiece(string Value, TextOrigin Origin);
