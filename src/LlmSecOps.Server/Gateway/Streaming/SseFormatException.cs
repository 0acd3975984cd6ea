namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>The upstream's event stream broke the format or its limits.</summary>
internal sealed class SseFormatException : Exception
{
    public SseFormatException(string message)
        : base(message)
    {
    }

    public SseFormatException()
        : base("invalid event stream")
    {
    }

    public SseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
