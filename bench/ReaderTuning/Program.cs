using System.Text.Json;
using BriefingBot.AI.Offline.Reader;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

// Fine-tunes all-MiniLM-L6-v2, read as the answer engine reads it ([CLS] question [SEP] sentence [SEP], one row per
// sentence looked at), with a start/end head over the words of all of a question's rows — the same softmax the
// runtime's AnswerPointer takes. Writes the tuned tensors (ReaderWeights' format) and the head.
//   bash bench/ReaderTuning/run.sh DATA.jsonl --out DIR [--epochs 3] [--layers 6] [--lr 1e-4] [--fold -1] [--limit N] [--from DIR]
// --from DIR starts from an earlier run's tensors and head instead of the packaged model and a fresh head.
// --fold k (0 or 1) trains on the pool's articles outside fold k only, so the span ranker can learn from
// questions the reader has not seen.
var data = args[0];
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var output = Option("--out", "artifacts/reader");
var epochs = int.Parse(Option("--epochs", "3"));
var tunedLayers = int.Parse(Option("--layers", "6"));
var learningRate = double.Parse(Option("--lr", "1e-4"), System.Globalization.CultureInfo.InvariantCulture);
var fold = int.Parse(Option("--fold", "-1"));
var limit = int.Parse(Option("--limit", "1000000"));
var batchSize = int.Parse(Option("--batch", "16"));
var from = Option("--from", string.Empty);
Directory.CreateDirectory(output);
torch.manual_seed(17);
torch.set_num_threads(Environment.ProcessorCount);

var modelBytes = MiniLmReader.PackagedModel();
var bert = new Bert(ModelProto.Parser.ParseFrom(modelBytes), tunedLayers);
var startingModel = modelBytes;
if (from.Length > 0)
{
    using var earlier = File.OpenRead(Path.Combine(from, "answer-reader.bin"));
    var earlierTensors = ReaderWeights.Read(earlier);
    bert.Load(earlierTensors, JsonDocument.Parse(File.ReadAllText(Path.Combine(from, "reader-head.json"))).RootElement);
    startingModel = ReaderWeights.Apply((byte[])modelBytes.Clone(), earlierTensors);
}

var examples = File.ReadLines(data).Select(Example.Parse).ToList();
var pool = examples.Where(e => e.Set == "pool" && e.Readable && (fold < 0 || Example.Fold(e.Title) != fold)).Take(limit).ToList();
var heldOut = examples.Where(e => e.Set == "pool" && e.Readable && fold >= 0 && Example.Fold(e.Title) == fold).ToList();
var checks = examples.Where(e => e.Set != "pool" && e.Readable).GroupBy(e => e.Set).ToDictionary(g => g.Key, g => g.ToList());
if (heldOut.Count > 0)
{
    checks["pool-held-out"] = heldOut;
}

Console.WriteLine($"training on {pool.Count} questions, tuning layers {6 - tunedLayers}..5, {epochs} epochs, lr {learningRate}");
CheckAgainstOnnx(bert, startingModel, examples[0]);
Evaluate(bert, checks);

var parameters = bert.Trainable().ToList();
using var optimizer = torch.optim.AdamW(parameters, lr: learningRate, weight_decay: 0.01);
var steps = epochs * ((pool.Count + batchSize - 1) / batchSize);
var step = 0;
var random = new Random(17);
for (var epoch = 1; epoch <= epochs; epoch++)
{
    var order = pool.OrderBy(_ => random.Next()).ToList();
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var total = 0.0;
    for (var b = 0; b < order.Count; b += batchSize)
    {
        using var scope = torch.NewDisposeScope();
        var batch = order.Skip(b).Take(batchSize).ToList();
        // Linear warm-up over the first 10 % of the steps, then linear decay to zero.
        var warm = Math.Max(1, steps / 10);
        var rate = learningRate * (step < warm ? (step + 1.0) / warm : Math.Max(0, (steps - step) / (double)(steps - warm)));
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        optimizer.zero_grad();
        var loss = bert.Loss(batch, training: true);
        loss.backward();
        torch.nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
        total += loss.item<float>() * batch.Count;
        step++;
        if ((b / batchSize) % 40 == 0)
        {
            Console.WriteLine($"  epoch {epoch} question {b}/{order.Count}: loss {total / (b + batch.Count):0.000} ({watch.Elapsed.TotalSeconds:0} s)");
        }
    }

    Console.WriteLine($"epoch {epoch}: loss {total / order.Count:0.000} in {watch.Elapsed.TotalSeconds:0} s");
    Evaluate(bert, checks);
}

var tensors = bert.Tuned();
using (var file = File.Create(Path.Combine(output, "answer-reader.bin")))
{
    ReaderWeights.Write(file, tensors);
}

File.WriteAllText(Path.Combine(output, "reader-head.json"), JsonSerializer.Serialize(bert.Head()));
Console.WriteLine($"wrote {tensors.Count} tensors ({tensors.Values.Sum(v => v.Length):N0} values) and the head to {output}");

// The tuned model must give, through ONNX Runtime, the states the tuning computed.
var patched = ReaderWeights.Apply((byte[])modelBytes.Clone(), ReaderWeights.Read(File.OpenRead(Path.Combine(output, "answer-reader.bin"))));
CheckAgainstOnnx(bert, patched, examples[0]);
return 0;

static void CheckAgainstOnnx(Bert bert, byte[] model, Example example)
{
    using var session = new InferenceSession(model);
    var (ids, mask, types) = Bert.Inputs([example]);
    var shape = new[] { (int)ids.shape[0], (int)ids.shape[1] };
    DenseTensor<long> Dense(Tensor t) => new(t.data<long>().ToArray(), shape);
    using var result = session.Run(
    [
        NamedOnnxValue.CreateFromTensor("input_ids", Dense(ids)),
        NamedOnnxValue.CreateFromTensor("attention_mask", Dense(mask)),
        NamedOnnxValue.CreateFromTensor("token_type_ids", Dense(types)),
    ]);
    var onnx = ((DenseTensor<float>)result.First().Value).Buffer.ToArray();
    using var noGrad = torch.no_grad();
    var mine = bert.Forward(ids, mask, types, training: false).data<float>().ToArray();
    var valid = mask.data<long>().ToArray();
    var worst = 0.0;
    for (var i = 0; i < onnx.Length; i++)
    {
        if (valid[i / 384] == 1)
        {
            worst = Math.Max(worst, Math.Abs(onnx[i] - mine[i]));
        }
    }

    Console.WriteLine($"largest difference from ONNX Runtime's states: {worst:0.000000}");
    if (worst > 2e-2)
    {
        throw new InvalidOperationException("The tuning model does not compute what the packaged model computes.");
    }
}

static void Evaluate(Bert bert, Dictionary<string, List<Example>> sets)
{
    using var noGrad = torch.no_grad();
    foreach (var (name, set) in sets)
    {
        var exact = 0.0;
        var f1 = 0.0;
        for (var b = 0; b < set.Count; b += 4)
        {
            using var scope = torch.NewDisposeScope();
            var batch = set.Skip(b).Take(4).ToList();
            foreach (var (e, (row, from, to)) in batch.Zip(bert.Predict(batch)))
            {
                exact += row == e.Row && from == e.Start && to == e.End ? 1 : 0;
                var overlap = row == e.Row ? Math.Max(0, Math.Min(to, e.End) - Math.Max(from, e.Start) + 1) : 0;
                if (overlap > 0)
                {
                    var precision = overlap / (double)(to - from + 1);
                    var recall = overlap / (double)(e.End - e.Start + 1);
                    f1 += 2 * precision * recall / (precision + recall);
                }
            }
        }

        Console.WriteLine($"  {name}: exact span {100 * exact / set.Count:0.0}%, word F1 {100 * f1 / set.Count:0.0} ({set.Count} questions)");
    }
}

/// <summary>One question: its rows of model input and where the answer is (row, first word, last word).</summary>
internal sealed record Example(string Set, string Title, int QuestionLength, int[][] Ids, int[][] Words, int Row, int Start, int End)
{
    public static Example Parse(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        var label = root.GetProperty("label").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        return new Example(
            root.GetProperty("set").GetString()!,
            root.GetProperty("title").GetString()!,
            root.GetProperty("question").GetInt32(),
            [.. rows.Select(r => r.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray())],
            [.. rows.Select(r => r.GetProperty("words").EnumerateArray().Select(x => x.GetInt32()).ToArray())],
            label[0],
            label[1],
            label[2]);
    }

    /// <summary>Whether the answer's words are all in the model's input (a long sentence loses its end).</summary>
    public bool Readable => Row >= 0 && Words[Row].Contains(Start) && Words[Row].Contains(End);

    /// <summary>A stable fold (0 or 1) per article, so a held-out fold shares no article with training.</summary>
    public static int Fold(string title) => (int)(title.Aggregate(2166136261u, (h, c) => (h ^ c) * 16777619u) % 2);
}

/// <summary>
/// BERT's encoder written out over the packaged model's tensors (weights stored [in, out] as the ONNX export has
/// them), with a linear start/end head; the top <c>tuned</c> layers learn, the rest stay as shipped.
/// </summary>
internal sealed class Bert
{
    private const int Dimensions = 384;
    private const int Heads = 12;
    private const double Epsilon = 1e-12;
    private const double Dropout = 0.1;
    private readonly Dictionary<string, Tensor> _weights = [];
    private readonly Dictionary<string, string> _onnxNames = [];
    private readonly int _firstTuned;
    private readonly TorchSharp.Modules.Parameter _head;
    private readonly TorchSharp.Modules.Parameter _headBias;

    public Bert(ModelProto model, int tuned)
    {
        _firstTuned = 6 - tuned;
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var t in initializers.Values.Where(t => t.DataType == 1))
        {
            _onnxNames[t.Name] = t.Name;
        }

        // The export names matrices by number; each is the MatMul whose output the named bias is added to.
        foreach (var matmul in model.Graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Any(initializers.ContainsKey)))
        {
            var weight = matmul.Input.First(initializers.ContainsKey);
            var add = model.Graph.Node.FirstOrDefault(a => a.OpType == "Add" && a.Input.Contains(matmul.Output[0]));
            if (add?.Input.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal)) is { } bias)
            {
                _onnxNames[bias[..^".bias".Length] + ".weight"] = weight;
                _onnxNames.Remove(weight);
            }
        }

        foreach (var (name, onnx) in _onnxNames)
        {
            var t = initializers[onnx];
            var values = new float[t.RawData.Length / 4];
            Buffer.BlockCopy(t.RawData.ToByteArray(), 0, values, 0, t.RawData.Length);
            var tensor = torch.tensor(values, [.. t.Dims]);
            var learns = name.StartsWith("encoder.layer.", StringComparison.Ordinal) && int.Parse(name.Split('.')[2]) >= _firstTuned;
            _weights[name] = learns ? torch.nn.Parameter(tensor) : tensor;
        }

        _head = torch.nn.Parameter(torch.randn(Dimensions, 2) * 0.02);
        _headBias = torch.nn.Parameter(torch.zeros(2));
    }

    /// <summary>Starts from an earlier run: its tensors (by ONNX name) and its head.</summary>
    public void Load(IReadOnlyDictionary<string, float[]> tensors, JsonElement head)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, onnx) in _onnxNames)
        {
            if (tensors.TryGetValue(onnx, out var values))
            {
                _weights[name].copy_(torch.tensor(values, _weights[name].shape));
            }
        }

        var start = head.GetProperty("start").EnumerateArray().Select(e => e.GetSingle());
        var end = head.GetProperty("end").EnumerateArray().Select(e => e.GetSingle());
        _head.copy_(torch.tensor(start.Concat(end).ToArray(), [2, Dimensions]).t());
    }

    public IEnumerable<TorchSharp.Modules.Parameter> Trainable() => _weights.Values.OfType<TorchSharp.Modules.Parameter>().Append(_head).Append(_headBias);

    /// <summary>The tuned tensors by the ONNX initializer they replace.</summary>
    public Dictionary<string, float[]> Tuned() => _weights
        .Where(w => w.Value.requires_grad)
        .ToDictionary(w => _onnxNames[w.Key], w => w.Value.detach().contiguous().data<float>().ToArray());

    public object Head()
    {
        var head = _head.detach().t().contiguous().data<float>().ToArray();
        return new { start = head[..Dimensions], end = head[Dimensions..] };
    }

    public static (Tensor Ids, Tensor Mask, Tensor Types) Inputs(IReadOnlyList<Example> batch)
    {
        var rows = batch.SelectMany(e => e.Ids.Select(r => (r, e.QuestionLength))).ToList();
        var (ids, mask, types, length) = MiniLmReader.Pad(rows);
        long[] shape = [rows.Count, length];
        return (torch.tensor(ids, shape), torch.tensor(mask, shape), torch.tensor(types, shape));
    }

    public Tensor Forward(Tensor ids, Tensor mask, Tensor types, bool training)
    {
        var length = ids.shape[1];
        var positions = torch.arange(length, dtype: ScalarType.Int64);
        var x = W("embeddings.word_embeddings.weight")[ids] + W("embeddings.position_embeddings.weight")[positions] + W("embeddings.token_type_embeddings.weight")[types];
        x = Norm(x, "embeddings.LayerNorm");
        var blocked = ((1 - mask.to_type(ScalarType.Float32)) * -10000f).unsqueeze(1).unsqueeze(2);
        for (var l = 0; l < 6; l++)
        {
            var p = $"encoder.layer.{l}.";
            var q = Split(Linear(x, p + "attention.self.query"));
            var k = Split(Linear(x, p + "attention.self.key"));
            var v = Split(Linear(x, p + "attention.self.value"));
            var attention = torch.nn.functional.softmax((q.matmul(k.transpose(-1, -2)) / Math.Sqrt(Dimensions / Heads)) + blocked, -1);
            attention = torch.nn.functional.dropout(attention, Dropout, training && l >= _firstTuned);
            var context = attention.matmul(v).transpose(1, 2).reshape(x.shape[0], length, Dimensions);
            var attended = torch.nn.functional.dropout(Linear(context, p + "attention.output.dense"), Dropout, training && l >= _firstTuned);
            x = Norm(attended + x, p + "attention.output.LayerNorm");
            var inner = torch.nn.functional.gelu(Linear(x, p + "intermediate.dense"));
            var outer = torch.nn.functional.dropout(Linear(inner, p + "output.dense"), Dropout, training && l >= _firstTuned);
            x = Norm(outer + x, p + "output.LayerNorm");
        }

        return x;
    }

    /// <summary>Mean over the batch of the start and end words' cross-entropy, each over all the question's rows.</summary>
    public Tensor Loss(IReadOnlyList<Example> batch, bool training)
    {
        var logits = Logits(batch, training);
        var losses = new List<Tensor>();
        var row = 0;
        foreach (var e in batch)
        {
            var (starts, ends) = Scores(logits, row, e);
            var length = logits.shape[1];
            losses.Add(-(starts.log_softmax(0)[Position(e, length, e.Start, first: true)] + ends.log_softmax(0)[Position(e, length, e.End, first: false)]) / 2);
            row += e.Ids.Length;
        }

        return torch.stack(losses).mean();
    }

    /// <summary>The best span (row, first word, last word) of at most 12 words for each question.</summary>
    public List<(int Row, int From, int To)> Predict(IReadOnlyList<Example> batch)
    {
        var logits = Logits(batch, training: false);
        var result = new List<(int, int, int)>();
        var row = 0;
        foreach (var e in batch)
        {
            var (starts, ends) = Scores(logits, row, e);
            var s = starts.data<float>().ToArray();
            var n = ends.data<float>().ToArray();
            var best = (Row: 0, From: 0, To: 0, Score: double.MinValue);
            var length = logits.shape[1];
            for (var r = 0; r < e.Ids.Length; r++)
            {
                var words = e.Words[r];
                for (var i = 0; i < words.Length; i++)
                {
                    if (words[i] < 0 || (i > 0 && words[i - 1] == words[i]))
                    {
                        continue;
                    }

                    for (var j = i; j < words.Length && words[j] >= 0 && words[j] - words[i] < SentencePointer.MaxSpan; j++)
                    {
                        if (j + 1 < words.Length && words[j + 1] == words[j])
                        {
                            continue;
                        }

                        var score = s[(r * length) + i] + n[(r * length) + j];
                        if (score > best.Score)
                        {
                            best = (r, words[i], words[j], score);
                        }
                    }
                }
            }

            result.Add((best.Row, best.From, best.To));
            row += e.Ids.Length;
        }

        return result;
    }

    private Tensor Logits(IReadOnlyList<Example> batch, bool training)
    {
        var (ids, mask, types) = Inputs(batch);
        return Forward(ids, mask, types, training).matmul(_head) + _headBias;
    }

    /// <summary>A question's start and end scores over its rows, flattened; pieces that cannot start (end) a word are masked.</summary>
    private static (Tensor Starts, Tensor Ends) Scores(Tensor logits, int row, Example e)
    {
        var length = (int)logits.shape[1];
        var slice = logits.narrow(0, row, e.Ids.Length).reshape(-1, 2);
        var startMask = new bool[e.Ids.Length * length];
        var endMask = new bool[e.Ids.Length * length];
        for (var r = 0; r < e.Ids.Length; r++)
        {
            var words = e.Words[r];
            for (var i = 0; i < words.Length; i++)
            {
                startMask[(r * length) + i] = words[i] >= 0 && (i == 0 || words[i - 1] != words[i]);
                endMask[(r * length) + i] = words[i] >= 0 && (i + 1 == words.Length || words[i + 1] != words[i]);
            }
        }

        var blocked = torch.tensor(-10000f);
        return (
            torch.where(torch.tensor(startMask), slice[.., 0], blocked),
            torch.where(torch.tensor(endMask), slice[.., 1], blocked));
    }

    /// <summary>Where the answer's first (last) word starts (ends) among the question's flattened rows of <paramref name="length"/> pieces.</summary>
    private static long Position(Example e, long length, int word, bool first)
    {
        var words = e.Words[e.Row];
        var at = first ? Array.IndexOf(words, word) : Array.LastIndexOf(words, word);
        return (e.Row * length) + at;
    }

    private Tensor W(string name) => _weights[name];

    private Tensor Linear(Tensor x, string name) => x.matmul(W(name + ".weight")) + W(name + ".bias");

    private Tensor Norm(Tensor x, string name) => torch.nn.functional.layer_norm(x, [Dimensions], W(name + ".weight"), W(name + ".bias"), Epsilon);

    private static Tensor Split(Tensor x) => x.reshape(x.shape[0], x.shape[1], Heads, Dimensions / Heads).transpose(1, 2);
}
