namespace LlmSecOps.Lint.Code;

/// <summary>
/// An interpolation hole in a string literal. <see cref="Start"/>/<see cref="End"/> index the
/// literal's <see cref="StringLiteral.Value"/>, where the hole is kept as its source text
/// (e.g. <c>{user_input}</c> or <c>${input}</c>); <see cref="Expression"/> is the code inside.
/// </summary>
internal sealed record StringHole(int Start, int End, string Expression);
