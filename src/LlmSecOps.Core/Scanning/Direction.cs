namespace LlmSecOps.Core.Scanning;

/// <summary>Which side of an exchange a piece of text comes from.</summary>
public enum Direction
{
    /// <summary>Text sent by the user or the application towards the model.</summary>
    Input,

    /// <summary>Text produced by the model (a completion).</summary>
    Output,

    /// <summary>Arguments of a tool call the model asked for.</summary>
    ToolCall,

    /// <summary>Tool results and retrieved documents placed in the context (indirect injection).</summary>
    RetrievedDocument,
}
