using Google.Protobuf;
using Onnx;

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

    public static byte[] Apply(byte[] model, IReadOnlyDictionary<string, float[]> tensors)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var replaced = 0;
        foreach (var initializer in proto.Graph.Initializer)
        {
            if (!tensors.TryGetValue(initializer.Name, out var values))
            {
                continue;
            }

            if (initializer.DataType != (int)TensorProto.Types.DataType.Float || initializer.Dims.Aggregate(1L, (a, b) => a * b) != values.Length)
            {
                throw new InvalidDataException($"Reader weights for {initializer.Name} do not fit the model's tensor.");
            }

            var bytes = new byte[values.Length * sizeof(float)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            initializer.FloatData.Clear();
            initializer.RawData = ByteString.CopyFrom(bytes);
            replaced++;
        }

        if (replaced != tensors.Count)
        {
            throw new InvalidDataException($"Reader weights name {tensors.Count} tensors; the model has {replaced} of them.");
        }

        return proto.ToByteArray();
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
