using System.Text;

namespace LlmSecOps.Benchmarks.Classifier;

/// <summary>Prompt text of a given size for benchmarks, built from ordinary sentences written for this purpose.</summary>
internal static class BenchmarkPrompts
{
    private static readonly string[] Sentences =
    [
        "Could you help me plan a three-day walking trip in the Lake District in late spring?",
        "I would like the route to avoid steep scrambles because my knees are not great.",
        "Please suggest places to stay that take dogs, and mention whether breakfast is included.",
        "Here is the function I wrote: def total(items): return sum(i.price * i.qty for i in items)",
        "It returns the wrong value when the quantity is missing, so what would you change?",
        "Summarise the attached meeting notes in five bullet points for the team newsletter.",
        "The budget review moved to Thursday; finance wants the draft numbers by Wednesday noon.",
        "Explain the difference between a mutex and a semaphore with a short example in C.",
    ];

    public static string Benign(int bytes)
    {
        var sb = new StringBuilder(bytes + 100);
        var i = 0;
        while (Encoding.UTF8.GetByteCount(sb.ToString()) < bytes)
        {
            sb.Append(Sentences[i++ % Sentences.Length]).Append(' ');
        }

        return sb.ToString(0, Math.Min(sb.Length, bytes));
    }
}
