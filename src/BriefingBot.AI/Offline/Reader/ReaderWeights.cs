namespace BriefingBot.AI.Offline.Reader;

/// <summary>
/// The reader's own weights for some of all-MiniLM-L6-v2's tensors: the sentence-similarity model fine-tuned to
/// point at answers (<c>bench/ReaderTuning</c>, on SQuAD's article-disjoint training pool). They ship as a small
/// file of half-precision tensors keyed by the ONNX initializer they replace, and are written into the packaged
/// model when the reader opens it; the sentence vectors keep the original model.
/// </summary>
/// <remarks>Format: "BBRW", version 1, count; then per tensor its name, its length and its values (IEEE half).</remarks>
internal static class ReaderWeights
{
    public const string ResourceName = "BriefingBot.AI.Offline.Models.answer-reader.bin";
    private const int Magic = 0x57524242; // "BBRW"

    /// <summary>The model with the tuned tensors written in; the model unchanged when no tuned weights ship.</summary>
    public static byte[] Apply(byte[] model)
    {
        using var stream = typeof(ReaderWeights).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? model : Apply(model, Read(stream));
    }

    /// <summary>Writes the tensors over the model's initializers of the same name, in place, and returns the model.</summary>
    /// <remarks>
    /// Hand-written over the protobuf wire format rather than a parsed ModelProto: a tuned tensor has the size of the
    /// one it replaces, so its bytes are overwritten where they lie and the 90 MB model exists once. Parsing and
    /// re-serializing it took about 600 MB more at peak (`bench corpus`: 1,563 MiB).
    /// </remarks>
    public static byte[] Apply(byte[] model, IReadOnlyDictionary<string, float[]> tensors)
    {
        var replaced = 0;
        foreach (var (graphStart, graphEnd) in Fields(model, 0, model.Length, GraphField))
        {
            foreach (var (tensorStart, tensorEnd) in Fields(model, graphStart, graphEnd, InitializerField))
            {
                var name = Fields(model, tensorStart, tensorEnd, NameField).Select(f => System.Text.Encoding.UTF8.GetString(model, f.Start, f.End - f.Start)).FirstOrDefault();
                if (name is null || !tensors.TryGetValue(name, out var values))
                {
                    continue;
                }

                var raw = Fields(model, tensorStart, tensorEnd, RawDataField).ToList();
                if (raw.Count != 1 || raw[0].End - raw[0].Start != values.Length * sizeof(float))
                {
                    throw new InvalidDataException($"Reader weights for {name} do not fit the model's tensor.");
                }

                System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(model.AsSpan(raw[0].Start));
                replaced++;
            }
        }

        if (replaced != tensors.Count)
        {
            throw new InvalidDataException($"Reader weights name {tensors.Count} tensors; the model has {replaced} of them.");
        }

        return model;
    }

    // ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.name = 8, TensorProto.raw_data = 9.
    private const int GraphField = 7;
    private const int InitializerField = 5;
    private const int NameField = 8;
    private const int RawDataField = 9;

    /// <summary>Where the length-delimited fields numbered <paramref name="field"/> of the message in [start, end) lie.</summary>
    private static IEnumerable<(int Start, int End)> Fields(byte[] data, int start, int end, int field)
    {
        var at = start;
        while (at < end)
        {
            var tag = Varint(data, ref at);
            var length = (tag & 7) switch
            {
                0 => SkipVarint(data, ref at),
                1 => 8,
                2 => (int)Varint(data, ref at),
                5 => 4,
                _ => throw new InvalidDataException("Not an ONNX model."),
            };
            if (at + length > end)
            {
                throw new InvalidDataException("Not an ONNX model.");
            }

            if ((tag & 7) == 2 && (int)(tag >> 3) == field)
            {
                yield return (at, at + length);
            }

            at += length;
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Not an ONNX model.");
    }

    private static int SkipVarint(byte[] data, ref int at)
    {
        Varint(data, ref at);
        return 0;
    }

    public static Dictionary<string, float[]> Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != 1)
        {
            throw new InvalidDataException("Not a reader weights file.");
        }

        var count = reader.ReadInt32();
        var tensors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        for (var t = 0; t < count; t++)
        {
            var name = reader.ReadString();
            var values = new float[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)reader.ReadHalf();
            }

            tensors.Add(name, values);
        }

        return tensors;
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, float[]> tensors)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(1);
        writer.Write(tensors.Count);
        foreach (var (name, values) in tensors)
        {
            writer.Write(name);
            writer.Write(values.Length);
            foreach (var value in values)
            {
                writer.Write((Half)value);
            }
        }
    }
}
