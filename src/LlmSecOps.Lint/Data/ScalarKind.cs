namespace LlmSecOps.Lint.Data;

/// <summary>What a scalar holds.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,

    /// <summary>A code expression that is not a literal (only in trees read from source code).</summary>
    Expression,
}
