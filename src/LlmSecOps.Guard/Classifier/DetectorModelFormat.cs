using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// The weights file: GZip over a little-endian binary layout.
/// <code>
/// "LSDM" u32 format-version i32 structural-version
/// settings: i32 hash-bits, i32 char-min, i32 char-max, u8 word-bigrams, f32 char-scale, f32 word-scale
/// u8 has-profile [trigram table, context table]  5 × f32 profile levels
/// f32 calibration slope, f32 calibration intercept
/// 2 × head: f32 bias, f32 step, i32 buckets, i8 × buckets, i32 structural count, f32 × count
/// string description (length-prefixed UTF-8)
/// SHA-256 of everything above
/// </code>
/// Hashed weights are stored as they run, signed bytes times a per-head step; GZip then squeezes
/// the zero runs that regularisation leaves. A model written and read back scores identically.
/// </summary>
internal static class DetectorModelFormat
{
    private const uint Magic = 0x4D44534C; // "LSDM"
    private const int FormatVersion = 2;
    private const int MaxDescription = 1 << 16;

    /// <summary>Largest decompressed payload accepted (a 2^24-bucket model at 16 bits is about 70 MB).</summary>
    private const int MaxPayloadBytes = 128 << 20;

    /// <summary>Writes a model.</summary>
    public static void Write(DetectorModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);

        using var payload = new MemoryStream();
        using var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(StructuralFeatures.Version);
        var s = model.Extractor.Settings;
        w.Write(s.HashBits);
        w.Write(s.CharMin);
        w.Write(s.CharMax);
        w.Write(s.WordBigrams);
        w.Write(s.CharScale);
        w.Write(s.WordScale);
        var profile = model.Extractor.Profile;
        w.Write(profile is not null);
        if (profile is not null)
        {
            w.Write(profile.Trigrams);
            w.Write(profile.Contexts);
        }

        foreach (var level in model.Extractor.ProfileLevels)
        {
            w.Write(level);
        }

        w.Write(model.CalibrationSlope);
        w.Write(model.CalibrationIntercept);
        WriteHead(w, model.Attack);
        WriteHead(w, model.Kind);
        w.Write(model.Description);
        w.Flush();

        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        payload.Position = 0;
        payload.CopyTo(gzip);
        gzip.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
    }

    /// <summary>Reads a model; any damage or mismatch is an <see cref="InvalidDataException"/>.</summary>
    public static DetectorModel Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var bytes = Decompress(input);
            const int HashBytes = 32;
            if (bytes.Length < HashBytes + 4)
            {
                throw new InvalidDataException("model file is truncated");
            }

            var body = bytes.AsSpan(0, bytes.Length - HashBytes);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashBytes)))
            {
                throw new InvalidDataException("model file is damaged (checksum mismatch)");
            }

            using var r = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8, leaveOpen: false);
            if (r.ReadUInt32() != Magic)
            {
                throw new InvalidDataException("not a detector model (bad magic)");
            }

            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"model format {version} is not supported (expected {FormatVersion})");
            }

            var structural = r.ReadInt32();
            if (structural != StructuralFeatures.Version)
            {
                throw new InvalidDataException($"model was trained with structural features v{structural}; this build has v{StructuralFeatures.Version}");
            }

            var settings = new FeatureSettings
            {
                HashBits = r.ReadInt32(),
                CharMin = r.ReadInt32(),
                CharMax = r.ReadInt32(),
                WordBigrams = r.ReadBoolean(),
                CharScale = r.ReadSingle(),
                WordScale = r.ReadSingle(),
            };
            settings.Validate();
            LanguageProfile? profile = null;
            if (r.ReadBoolean())
            {
                profile = new LanguageProfile(
                    ReadExactly(r, 1 << LanguageProfile.TrigramBits),
                    ReadExactly(r, 1 << LanguageProfile.ContextBits));
            }

            var levels = new float[FeatureExtractor.ProfileLevelCount];
            for (var i = 0; i < levels.Length; i++)
            {
                levels[i] = Finite(r.ReadSingle());
            }

            var slope = Finite(r.ReadSingle());
            var intercept = Finite(r.ReadSingle());
            var attack = ReadHead(r, settings.Buckets);
            var kind = ReadHead(r, settings.Buckets);
            var description = r.ReadString();
            if (description.Length > MaxDescription)
            {
                throw new InvalidDataException("description too long");
            }

            if (r.BaseStream.Position != body.Length)
            {
                throw new InvalidDataException("unexpected bytes after the model");
            }

            return new DetectorModel(new FeatureExtractor(settings, profile, levels), attack, kind, slope, intercept, description);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("model file is truncated", ex);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException("model file is unreadable: " + ex.Message, ex);
        }
    }

    private static byte[] Decompress(Stream input)
    {
        using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = gzip.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxPayloadBytes)
            {
                throw new InvalidDataException($"model payload exceeds {MaxPayloadBytes} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a model from a file.</summary>
    public static DetectorModel ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Writes a model to a file.</summary>
    public static void WriteFile(DetectorModel model, string path)
    {
        using var stream = File.Create(path);
        Write(model, stream);
    }

    private static void WriteHead(BinaryWriter w, LinearHead head)
    {
        w.Write(head.Bias);
        w.Write(head.Step);
        w.Write(head.Hashed.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(head.Hashed.AsSpan()));
        w.Write(head.Dense.Length);
        foreach (var d in head.Dense)
        {
            w.Write(d);
        }
    }

    private static LinearHead ReadHead(BinaryReader r, int buckets)
    {
        var bias = Finite(r.ReadSingle());
        var step = Finite(r.ReadSingle());
        var count = r.ReadInt32();
        if (count != buckets)
        {
            throw new InvalidDataException($"head has {count} hashed weights; the settings need {buckets}");
        }

        var hashed = new sbyte[count];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hashed.AsSpan()));
        var dense = r.ReadInt32();
        if (dense != StructuralFeatures.Count)
        {
            throw new InvalidDataException($"head has {dense} structural weights; this build has {StructuralFeatures.Count}");
        }

        var weights = new float[dense];
        for (var i = 0; i < dense; i++)
        {
            weights[i] = Finite(r.ReadSingle());
        }

        return new LinearHead(hashed, step, weights, bias);
    }

    private static byte[] ReadExactly(BinaryReader r, int count)
    {
        var bytes = r.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new InvalidDataException("model file is truncated");
    }

    private static float Finite(float x) => float.IsFinite(x) ? x : throw new InvalidDataException("non-finite number in model file");
}
