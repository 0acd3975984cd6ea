namespace LlmSecOps.Server.Gateway.Upstream;

/// <summary>Why no usable upstream response was obtained.</summary>
internal enum UpstreamFailure
{
    /// <summary>A response arrived (it may still be an error status).</summary>
    None,

    /// <summary>No connection could be made (after retries).</summary>
    Unreachable,

    /// <summary>The connection broke before the response headers.</summary>
    Broken,

    /// <summary>The first-byte or total timeout passed.</summary>
    Timeout,

    /// <summary>The client went away.</summary>
    ClientAborted,
}
