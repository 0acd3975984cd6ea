using System.Runtime.InteropServices;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>Feature vectors of many texts in compressed-row form.</summary>
internal sealed class SparseRows
{
    private readonly List<int> _start = [0];
    private readonly List<int> _indices = [];
    private readonly List<float> _values = [];

    public SparseRows(int dimension)
    {
        Dimension = dimension;
    }

    public int Dimension { get; }

    public int Count => _start.Count - 1;

    public long NonZeros => _indices.Count;

    /// <summary>Appends the features held in a scratch as one row.</summary>
    public void Add(FeatureScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        _indices.AddRange(scratch.Indices.AsSpan(0, scratch.Count));
        _values.AddRange(scratch.Values.AsSpan(0, scratch.Count));
        _start.Add(_indices.Count);
    }

    /// <summary>Appends one row given as parallel index and value spans.</summary>
    public void Add(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException("indices and values differ in length", nameof(values));
        }

        foreach (var i in indices)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Dimension);
        }

        _indices.AddRange(indices);
        _values.AddRange(values);
        _start.Add(_indices.Count);
    }

    public ReadOnlySpan<int> Indices(int row) =>
        CollectionsMarshal.AsSpan(_indices)[_start[row].._start[row + 1]];

    public ReadOnlySpan<float> Values(int row) =>
        CollectionsMarshal.AsSpan(_values)[_start[row].._start[row + 1]];

    /// <summary>Margin of a row under weights and a bias.</summary>
    public double Dot(int row, ReadOnlySpan<double> weights, double bias)
    {
        var idx = Indices(row);
        var val = Values(row);
        var sum = bias;
        for (var i = 0; i < idx.Length; i++)
        {
            sum += weights[idx[i]] * val[i];
        }

        return sum;
    }
}
