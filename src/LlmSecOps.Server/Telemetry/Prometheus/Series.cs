using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>One time series of a metric family: its label set, rendered once when it is created.</summary>
internal abstract class Series
{
    protected Series(string labels)
    {
        Labels = labels;
        LabelBytes = Encoding.UTF8.GetBytes(labels);
    }

    /// <summary>The escaped label text without braces (<c>a="x",b="y"</c>); empty when the series has no labels.</summary>
    public string Labels { get; }

    /// <summary><see cref="Labels"/> as UTF-8.</summary>
    public byte[] LabelBytes { get; }
}
