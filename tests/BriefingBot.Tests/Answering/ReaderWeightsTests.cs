using BriefingBot.AI.Offline.Reader;

namespace BriefingBot.Tests.Answering;

/// <summary>The reader's tuned weights file and how it is written into the packaged model.</summary>
public sealed class ReaderWeightsTests
{
    private const string QueryBias = "encoder.layer.0.attention.self.query.bias";

    [Fact]
    public void AFileRoundTripsItsTensorsAtHalfPrecision()
    {
        var tensors = new Dictionary<string, float[]> { ["a"] = [0.5f, -1.25f, 3.1416f], ["b"] = [1e-3f] };
        using var file = new MemoryStream();

        ReaderWeights.Write(file, tensors);
        file.Position = 0;
        var read = ReaderWeights.Read(file);

        Assert.Equal(["a", "b"], read.Keys.Order());
        Assert.Equal(tensors["a"], read["a"], (x, y) => Math.Abs(x - y) < 2e-3);
        Assert.Equal(1e-3f, read["b"][0], 1e-6f);
    }

    [Fact]
    public void TunedTensorsChangeWhatTheReaderComputes()
    {
        const string Sentence = "The bakery on Elm Street was opened in 1998 by Maria Lopez.";
        var shipped = MiniLmReader.WithWeights(new Dictionary<string, float[]>()).Read("Who opened the bakery?", [Sentence])[0];
        var zeroed = MiniLmReader.WithWeights(new Dictionary<string, float[]> { [QueryBias] = new float[384] }).Read("Who opened the bakery?", [Sentence])[0];

        Assert.NotEqual(shipped.First[3], zeroed.First[3]);
        Assert.Equal(shipped.First.Length, zeroed.First.Length);
    }

    [Fact]
    public void WeightsThatDoNotFitTheModelAreRefused()
    {
        var model = MiniLmReader.PackagedModel();

        var wrongSize = Assert.Throws<InvalidDataException>(() => ReaderWeights.Apply(model, new Dictionary<string, float[]> { [QueryBias] = new float[3] }));
        var unknown = Assert.Throws<InvalidDataException>(() => ReaderWeights.Apply(model, new Dictionary<string, float[]> { ["no.such.tensor"] = new float[3] }));
        var notWeights = Assert.Throws<InvalidDataException>(() => ReaderWeights.Read(new MemoryStream("not a weights file"u8.ToArray())));

        Assert.Contains(QueryBias, wrongSize.Message, StringComparison.Ordinal);
        Assert.Contains("1 tensors", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Not a reader weights file", notWeights.Message, StringComparison.Ordinal);
    }
}
