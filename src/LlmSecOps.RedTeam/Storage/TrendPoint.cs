namespace LlmSecOps.RedTeam.Storage;

/// <summary>Attack success of one dimension value in one run.</summary>
public sealed record TrendPoint(string RunId, DateTimeOffset StartedAt, string Key, int Successes, int Judged, int Attempts)
{
    /// <summary>Successes over judged attempts.</summary>
    public double Asr => Judged > 0 ? (double)Successes / Judged : 0;
}
