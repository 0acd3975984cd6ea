namespace LlmSecOps.Lint.Schema;

/// <summary>The type of a template variable's value.</summary>
public enum VariableType
{
    /// <summary>Text.</summary>
    String = 0,

    /// <summary>A whole number.</summary>
    Integer = 1,

    /// <summary>Any number.</summary>
    Number = 2,

    /// <summary>true or false.</summary>
    Boolean = 3,

    /// <summary>A list.</summary>
    Array = 4,

    /// <summary>A mapping.</summary>
    Object = 5,
}
