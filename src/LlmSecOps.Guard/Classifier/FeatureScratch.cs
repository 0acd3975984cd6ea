namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// Buffers reused across extractions on one thread, so scoring a prompt allocates nothing once
/// the buffers have grown to the size of the prompts seen. After an extraction,
/// <see cref="Indices"/> and <see cref="Values"/> hold <see cref="Count"/> distinct features.
/// </summary>
internal sealed class FeatureScratch
{
    [ThreadStatic]
    private static FeatureScratch? _current;

    private ulong[] _seen = [];

    public char[] Clean { get; private set; } = new char[1024];

    public int CleanLength { get; set; }

    public int[] Indices { get; private set; } = new int[4096];

    public float[] Values { get; private set; } = new float[4096];

    public int Count { get; set; }

    /// <summary>Features [0, CharEnd) are character n-grams.</summary>
    public int CharEnd { get; set; }

    /// <summary>Features [CharEnd, WordEnd) are words and word pairs; the rest are structural.</summary>
    public int WordEnd { get; set; }

    public float[] Structural { get; } = new float[StructuralFeatures.Count];

    /// <summary>Where feature i's text starts in <see cref="Clean"/>; filled only when explaining.</summary>
    public int[] Starts { get; private set; } = [];

    /// <summary>Length of feature i's text; filled only when explaining.</summary>
    public int[] Lengths { get; private set; } = [];

    /// <summary>Records the text position of the feature just added (explanations only).</summary>
    public void RecordPosition(int start, int length)
    {
        var i = Count - 1;
        if (Starts.Length < Indices.Length)
        {
            Starts = new int[Indices.Length];
            Lengths = new int[Indices.Length];
        }

        if (i >= 0)
        {
            Starts[i] = start;
            Lengths[i] = length;
        }
    }

    /// <summary>The scratch of the calling thread.</summary>
    public static FeatureScratch ForCurrentThread() => _current ??= new FeatureScratch();

    /// <summary>Makes room for a text of the given length with the given bucket count.</summary>
    public void Prepare(int textLength, int buckets, int featuresPerChar)
    {
        if (Clean.Length < textLength + 2)
        {
            Clean = new char[Math.Max(textLength + 2, Clean.Length * 2)];
        }

        var features = ((textLength + 2) * featuresPerChar) + StructuralFeatures.Count;
        if (Indices.Length < features)
        {
            var size = Math.Max(features, Indices.Length * 2);
            Indices = new int[size];
            Values = new float[size];
        }

        if (_seen.Length != buckets >> 6)
        {
            _seen = new ulong[Math.Max(1, buckets >> 6)];
        }

        Count = 0;
        CharEnd = 0;
        WordEnd = 0;
    }

    /// <summary>Records a bucket; false when it was already recorded in this extraction.</summary>
    public bool MarkSeen(int index)
    {
        ref var word = ref _seen[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        return true;
    }

    /// <summary>Clears the marks of the hashed features, touching only the words that were set.</summary>
    public void ClearSeen(int buckets)
    {
        var end = WordEnd;
        var indices = Indices;
        for (var i = 0; i < end; i++)
        {
            var index = indices[i];
            if (index < buckets)
            {
                _seen[index >> 6] = 0;
            }
        }
    }
}
