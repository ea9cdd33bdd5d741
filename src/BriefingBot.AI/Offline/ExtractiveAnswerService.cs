using BriefingBot.AI.Offline.Entities;
using BriefingBot.AI.Offline.Reader;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Answers from the stored news without a language model: retrieves sentences (BM25 + MiniLM), reranks them
/// on meaning and key-term coverage, then extracts the entity, list or sentence the question's type asks for.
/// Abstains when no sentence is close enough to the question.
/// </summary>
internal sealed partial class ExtractiveAnswerService(
    HybridRetriever retriever,
    IArticleStore store,
    ITextEmbedder embedder,
    IOptions<AiOptions> options,
    ILogger<ExtractiveAnswerService> logger) : IAnswerService
{
    private const int RetrievalDepth = 24;
    private const double MinimumEvidence = 0.33;
    private const double ProvidedMinimumSemantic = 0.2;
    private const double ListMargin = 0.12;
    private const double EntityMargin = 0.15;
    private const int SpanSentences = 5;
    private const double FocusPenalty = 0.3;

    /// <summary>How much surer the ranker must be of an untyped span to beat one of the asked-for kind (chosen on the SQuAD tuning half).</summary>
    internal static double TypedSlack { get; set; } = 1.5;

    /// <summary>
    /// When the reader has read the sentences, a span's score is its log-probability under the reader plus this
    /// weight times the span ranker's score (chosen on the tuning halves).
    /// </summary>
    internal static double RankerWeight { get; set; } = 0.5;

    /// <summary>
    /// Beside the reader, how much a span gains from its sentence using the names the question uses (the reader
    /// reads one sentence at a time and cannot tell "R&amp;B stands for" from "IP4 stands for" by the question
    /// alone as well as this can). Chosen on the tuning halves.
    /// </summary>
    internal static double NameWeight { get; set; } = 1;
    private const double SpanMargin = 0.2;

    /// <summary>A provided text of at least this many sentences is a story, with a lead.</summary>
    private const int StorySentences = 12;

    /// <summary>
    /// A news story puts its key facts first (the inverted pyramid): its first sentences are always read for an
    /// answer, however little they share with the question's words. Chosen on the tuning halves.
    /// </summary>
    internal static int LeadSentences { get; set; } = 4;

    /// <summary>How far below the best sentence a sentence may score and still be read for an answer.</summary>
    internal static double ReadMargin { get; set; } = 0.2;

    /// <summary>How many of the top sentences may be read for an answer.</summary>
    internal static int ReadSentences { get; set; } = 5;

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "this", "that",
    };

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken = default)
    {
        var text = question.Text.Trim();
        if (text.Length == 0)
        {
            return Answer.Abstain("Ask me a question about the news, for example: what happened at the NATO meeting?", null);
        }

        if (question.Context is { } context)
        {
            // Treebank-tokenized text ("-LRB- CNN -RRB-") is read with its marks restored; the span and the cited
            // sentences are given back exactly as the provided text has them.
            var treebank = TreebankText.Restore(context);
            text = treebank is null ? text : TreebankText.Restore(text)?.Text ?? text;
            var contextAnalysis = QuestionAnalyzer.Analyze(text);
            var contextCandidates = await CandidatesFromContextAsync(text, treebank?.Text ?? context, contextAnalysis, cancellationToken).ConfigureAwait(false);
            var contextAnswer = await ExtractAsync(text, contextAnalysis, contextCandidates, cancellationToken, provided: true).ConfigureAwait(false);
            return treebank is null || contextAnswer.IsAbstention
                ? contextAnswer
                : contextAnswer with
                {
                    Span = contextAnswer.Span is { } span ? treebank.ToOriginal(span, contextAnswer.Citations[0].Sentence) : null,
                    Citations = contextAnswer.Citations.Select(c => c with { Sentence = treebank.ToOriginal(c.Sentence) }).ToList(),
                };
        }

        var resolved = FollowUps.Resolve(text, question.Memory);
        var analysis = QuestionAnalyzer.Analyze(resolved);
        var candidates = await CandidatesFromStoreAsync(text, resolved, question.Memory, analysis, cancellationToken).ConfigureAwait(false);
        var answer = await ExtractAsync(resolved, analysis, candidates, cancellationToken).ConfigureAwait(false);
        if (question.Memory is { } memory)
        {
            FollowUps.Remember(memory, resolved, analysis, answer);
        }

        logger.LogDebug("Answered {Question} (read as {Resolved}) as {AnswerType} with confidence {Confidence}", text, resolved, analysis.Type, answer.Confidence);
        return answer;
    }

    private async Task<IReadOnlyList<AnswerCandidate>> CandidatesFromStoreAsync(string text, string query, ConversationMemory? memory, QuestionAnalysis analysis, CancellationToken cancellationToken)
    {
        var retrieved = await retriever.RetrieveAsync(query, RetrievalDepth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var stems = TermCoverage.Stems(analysis.KeyTerms);
        var names = TermCoverage.Names(query);
        var followsUp = memory?.LastArticleId is not null && (query != text || Words.Tokenize(text).Any(Pronouns.Contains));

        // "and China?" is about China: sentences that don't mention it are read only when none does.
        var focus = TermCoverage.Stems(Words.Tokenize(FollowUps.Focus(text, memory) ?? string.Empty).Where(w => !Words.IsStopWord(w)).ToList());
        var articleSentences = new Dictionary<long, IReadOnlyList<ArticleSentence>>();
        var candidates = new List<AnswerCandidate>(retrieved.Count);
        foreach (var r in retrieved)
        {
            string? previous = null;
            if (r.Sentence.Index > 0 && StartsWithPronoun(r.Sentence.Text))
            {
                if (!articleSentences.TryGetValue(r.Article.Id, out var sentences))
                {
                    sentences = await store.GetSentencesAsync(r.Article.Id, cancellationToken).ConfigureAwait(false);
                    articleSentences[r.Article.Id] = sentences;
                }

                previous = sentences.FirstOrDefault(s => s.Index == r.Sentence.Index - 1)?.Text;
            }

            var coverageText = CoverageText(r.Sentence.Text, previous);

            candidates.Add(new AnswerCandidate(
                r.Sentence.Text,
                r.Article,
                r.Semantic + (followsUp && r.Article.Id == memory!.LastArticleId ? 0.1 : 0) - (focus.Count > 0 && TermCoverage.Of(focus, coverageText, null) == 0 ? FocusPenalty : 0),
                TermCoverage.Of(stems, coverageText, r.Article.Title),
                TermCoverage.Of(names, coverageText, null)));
        }

        return candidates.OrderByDescending(c => c.Score).ToList();
    }

    /// <summary>
    /// A sentence whose subject is a pronoun ("He called for...") is about someone the sentence before named; that
    /// sentence's proper names count towards the sentence's coverage of the question.
    /// </summary>
    private static string CoverageText(string sentence, string? previous) =>
        previous is null || !StartsWithPronoun(sentence)
            ? sentence
            : sentence + " " + string.Join(' ', previous.Split(' ').Where(w => w.Length > 1 && char.IsUpper(w[0]) && !Words.IsStopWord(w)));

    private static bool StartsWithPronoun(string sentence)
    {
        var first = sentence.Split(' ', 2)[0];
        return first is "He" or "She" or "They" or "His" or "Her" or "Their";
    }

    /// <summary>The question's analysis and the context's sentences ranked for it (used by the bench to fit the span ranker).</summary>
    internal async Task<(QuestionAnalysis Analysis, IReadOnlyList<AnswerCandidate> Sentences)> RankContextAsync(string question, string context, CancellationToken cancellationToken)
    {
        var analysis = QuestionAnalyzer.Analyze(question);
        return (analysis, await CandidatesFromContextAsync(question, context, analysis, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<AnswerCandidate>> CandidatesFromContextAsync(string text, string context, QuestionAnalysis analysis, CancellationToken cancellationToken)
    {
        var sentences = SentenceSplitter.Split(context);
        if (sentences.Count == 0)
        {
            return [];
        }

        var vectors = await embedder.EmbedAsync([text, .. sentences], cancellationToken).ConfigureAwait(false);
        var stems = TermCoverage.Stems(analysis.KeyTerms);
        var names = TermCoverage.Names(text);
        var story = sentences.Count >= StorySentences;
        return sentences
            .Select((s, i) => (Text: s, Covered: CoverageText(s, i > 0 ? sentences[i - 1] : null), Index: i))
            .Select(s => new AnswerCandidate(s.Text, null, VectorIndex.Dot(vectors[0], vectors[s.Index + 1]), TermCoverage.Of(stems, s.Covered, null), TermCoverage.Of(names, s.Covered, null), story ? s.Index : null))
            .OrderByDescending(c => c.Score)
            .ToList();
    }

    /// <param name="provided">True when the user gave the text the answer must come from (reading-comprehension mode).</param>
    private async Task<Answer> ExtractAsync(string question, QuestionAnalysis analysis, IReadOnlyList<AnswerCandidate> candidates, CancellationToken cancellationToken, bool provided = false)
    {
        if (candidates.Count == 0)
        {
            return Answer.Abstain("The articles I have don't say anything about that.", null);
        }

        // A sentence spelling out the acronym asked about is the answer, however little else it shares with the question.
        if (Acronyms.Asked(question) is { } acronym)
        {
            foreach (var candidate in candidates.Take(RetrievalDepth))
            {
                if (Acronyms.LongForm(acronym, candidate.Text) is { } longForm)
                {
                    return new Answer($"{acronym} stands for {longForm}. {CleanSentence(candidate.Text)}", longForm, [Cite(candidate)], Confidence(candidate));
                }
            }

            // No sentence defines it: the best sentence using words whose initials spell it.
            foreach (var candidate in candidates.Take(RetrievalDepth))
            {
                if (Acronyms.SpelledOut(acronym, candidate.Text) is { } longForm)
                {
                    return new Answer($"{acronym} probably stands for {longForm}. {CleanSentence(candidate.Text)}", longForm, [Cite(candidate)], Confidence(candidate));
                }
            }
        }

        // Among stored news a weak match means the news doesn't cover the question. A text the user provided is
        // what the question is about, however briefly it is put ("When was this proclamation issued?"): that
        // text is only declined when no sentence shares a word or much meaning with the question.
        var best = candidates[0];
        if (provided && candidates.All(c => c.Coverage == 0 && c.NameCoverage == 0 && c.Semantic < ProvidedMinimumSemantic))
        {
            return Answer.Abstain("The text doesn't say.", null);
        }

        if (!provided && (best.Score < MinimumEvidence || best.Semantic < 0.2))
        {
            return Answer.Abstain("The articles I have don't say.", best.Article);
        }

        if (analysis.WantsList && analysis.EntityKinds.Count > 0)
        {
            // What the question names is not part of the answer: "Barack Obama", nor "Obama" for short.
            var excluded = analysis.Entities.Select(e => e.Canonical).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var asked = Words.Tokenize(question).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var withEntities = candidates
                .Select(c => (Candidate: c, Entities: EntityRecognizer.Recognize(c.Text, analysis.EntityKinds)
                    .Where(e => !excluded.Contains(e.Canonical) && !Gazetteer.Instance.IsDemonym(e.Text) && !Words.Tokenize(e.Text).All(asked.Contains))
                    .ToList()))
                .Where(x => x.Entities.Count > 0)
                .ToList();
            if (withEntities.Count > 0 && withEntities[0].Candidate.Score >= best.Score - EntityMargin)
            {
                return ListAnswer(withEntities);
            }
        }

        if (analysis.Type == AnswerType.Reason && ReasonAnswer(candidates) is { } reason)
        {
            return reason;
        }

        var close = CloseSentences(analysis, candidates);
        return SpanAnswer(analysis, candidates, close, await ReadAsync(question, close, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The reader's view of the sentences answers are looked for in (<see cref="CloseSentences"/>); null when the
    /// reader is off, or busy for longer than <see cref="AiOptions.ReaderWait"/> (the span ranker then decides alone).
    /// </summary>
    private async Task<IReadOnlyList<SentencePointer>?> ReadAsync(string question, IReadOnlyList<AnswerCandidate> close, CancellationToken cancellationToken)
    {
        if (!options.Value.Reader)
        {
            return null;
        }

        var states = await MiniLmReader.Instance.TryReadAsync(question, close.Select(c => c.Text).ToList(), options.Value.ReaderWait, cancellationToken).ConfigureAwait(false);
        if (states is null)
        {
            logger.LogDebug("The reader was busy; {Question} is answered by the span ranker alone", question);
            return null;
        }

        return AnswerPointer.Default.Point(states);
    }

    /// <summary>The best span among the top sentences; the reply shows the whole sentence it came from.</summary>
    private static Answer SpanAnswer(QuestionAnalysis analysis, IReadOnlyList<AnswerCandidate> candidates, IReadOnlyList<AnswerCandidate> close, IReadOnlyList<SentencePointer>? pointers)
    {
        var ranker = SpanRanker.Default;
        (AnswerCandidate Sentence, SpanCandidate Span, double Score)? chosen = null;
        (AnswerCandidate Sentence, SpanCandidate Span, double Score)? bestTyped = null;
        (AnswerCandidate Sentence, SpanCandidate Span, double Score)? bestIntroduced = null;
        foreach (var (sentence, span) in SpanCandidates(analysis, candidates, close, pointers))
        {
            var score = pointers is null
                ? ranker.Score(span)
                : (span.ReaderLogProbability ?? -30) + (RankerWeight * ranker.Score(span)) + (NameWeight * sentence.NameCoverage);
            if (chosen is null || score > chosen.Value.Score)
            {
                chosen = (sentence, span, score);
            }

            if (span.MatchesExpectedType && (bestTyped is null || score > bestTyped.Value.Score))
            {
                bestTyped = (sentence, span, score);
            }

            if (span.IntroducedAsAsked && (bestIntroduced is null || score > bestIntroduced.Value.Score))
            {
                bestIntroduced = (sentence, span, score);
            }
        }

        // Of those, one introduced the way places and times are ("in Brussels", "on Thursday") beats one that is
        // merely named nearby ("… with the chiefs of South Korea") unless the ranker is far surer of the other.
        if (bestIntroduced is { } intro && bestTyped is { } typedBest && intro.Score >= typedBest.Score - TypedSlack)
        {
            bestTyped = intro;
        }

        // A "where" or "when" question wants a place or a time: an entity of the asked-for kind wins unless the
        // ranker is far surer of something else.
        if (bestTyped is { } t && chosen is { } c && t.Score >= c.Score - TypedSlack)
        {
            chosen = t;
        }

        var source = chosen?.Sentence ?? candidates[0];
        var text = CleanSentence(source.Text);
        var typed = analysis.EntityKinds.Count > 0 && chosen is not null;
        return new Answer(
            typed ? chosen!.Value.Span.Text + ". " + text : text,
            chosen?.Span.Text ?? text,
            [Cite(source)],
            Confidence(source));
    }

    /// <summary>For "why": among the top sentences, the best one that states a cause; the span is the cause.</summary>
    private static Answer? ReasonAnswer(IReadOnlyList<AnswerCandidate> candidates)
    {
        var best = candidates[0].Score;
        foreach (var candidate in candidates.Take(SpanSentences + 2).Where(c => c.Score >= best - (2 * SpanMargin)))
        {
            var cause = CausePattern().Match(candidate.Text);
            if (cause.Success)
            {
                return new Answer(CleanSentence(candidate.Text), cause.Value.TrimEnd('.', ',', ';'), [Cite(candidate)], Confidence(candidate));
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:because|due to|owing to|as a result of|in order to|so that|in response to|after|since)\b[^.;]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CausePattern();

    /// <summary>Every candidate span of the sentences answers are looked for in, with its sentence.</summary>
    /// <param name="candidates">All the ranked sentences, best first.</param>
    /// <param name="close">The <see cref="CloseSentences"/> of <paramref name="candidates"/>.</param>
    /// <param name="pointers">The reader's scores for each of <paramref name="close"/>, in their order.</param>
    internal static IEnumerable<(AnswerCandidate Sentence, SpanCandidate Span)> SpanCandidates(QuestionAnalysis analysis, IReadOnlyList<AnswerCandidate> candidates, IReadOnlyList<AnswerCandidate> close, IReadOnlyList<SentencePointer>? pointers)
    {
        if (close.Count == 0)
        {
            yield break;
        }

        var best = candidates[0].Score;
        var stems = TermCoverage.Stems(analysis.KeyTerms);
        for (var rank = 0; rank < close.Count; rank++)
        {
            var sentence = close[rank];

            // Sentences brought in from further down stand at the edge of the close group, not beyond it.
            var pointer = pointers is not null && rank < pointers.Count ? pointers[rank] : null;
            foreach (var span in SpanExtractor.Candidates(analysis, sentence.Text, stems, rank, Math.Min(best - sentence.Score, SpanMargin), pointer))
            {
                yield return (sentence, span);
            }
        }
    }

    /// <summary>The sentences answers are looked for in: the top ones close to the best, and for typed questions a few more of the best article holding the asked-for kind.</summary>
    internal static List<AnswerCandidate> CloseSentences(QuestionAnalysis analysis, IReadOnlyList<AnswerCandidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var best = candidates[0].Score;
        var close = candidates.Take(ReadSentences).Where(c => c.Score >= best - ReadMargin).ToList();
        close.AddRange(candidates.Skip(close.Count).Where(c => c.StoryPosition < LeadSentences));
        if (analysis.EntityKinds.Count > 0 && candidates[0].Article is { } article)
        {
            // The best article's other sentences that hold the kind of thing asked for (a place, a date...) are
            // considered too, though further down: news states the where and when once, in its first sentence.
            var holding = candidates.Skip(close.Count).Take(RetrievalDepth)
                .Where(c => c.Article?.Id == article.Id && EntityRecognizer.Recognize(c.Text, analysis.EntityKinds).Count > 0)
                .ToList();
            close.AddRange(holding.Take(2));

            // The earliest of them in the story too (its lead), when the two best-matching are further down.
            var lead = holding.Skip(2).MinBy(c => Position(article, c.Text));
            if (lead is not null && Position(article, lead.Text) < holding.Take(2).Min(c => Position(article, c.Text)))
            {
                close.Add(lead);
            }
        }

        return close;
    }

    /// <summary>Where a sentence stands in its article's body (unknown positions last).</summary>
    private static int Position(Article article, string sentence)
    {
        var at = article.Body.IndexOf(sentence, StringComparison.Ordinal);
        return at < 0 ? int.MaxValue : at;
    }

    private static Answer ListAnswer(List<(AnswerCandidate Candidate, List<Entity> Entities)> withEntities)
    {
        var anchor = withEntities[0].Candidate;
        var items = new List<Entity>(withEntities[0].Entities);
        var cited = new List<AnswerCandidate> { anchor };
        foreach (var (candidate, entities) in withEntities.Skip(1))
        {
            if (candidate.Score < anchor.Score - ListMargin || candidate.Article?.Id != anchor.Article?.Id)
            {
                continue;
            }

            var fresh = entities.Where(e => !items.Any(i => i.Canonical.Equals(e.Canonical, StringComparison.OrdinalIgnoreCase))).ToList();
            if (fresh.Count > 0)
            {
                items.AddRange(fresh);
                cited.Add(candidate);
            }
        }

        var span = JoinList(items.Select(i => i.Text).ToList());
        return new Answer(span + ".", span, cited.Select(Cite).ToList(), Confidence(anchor));
    }

    private static string JoinList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static Citation Cite(AnswerCandidate candidate) => candidate.Article is { } article
        ? Citation.Of(article, candidate.Text)
        : new Citation(0, "Provided text", null, null, null, candidate.Text);

    /// <summary>Maps the evidence score to 0..1; 0.33 (the abstention line) is about 0.35, 0.7 about 0.9.</summary>
    private static double Confidence(AnswerCandidate candidate) =>
        Math.Round(1 / (1 + Math.Exp(-8 * (candidate.Score - 0.42))), 3);

    /// <summary>Drops a leading dateline ("BRUSSELS — ") from a sentence used as an answer.</summary>
    internal static string CleanSentence(string sentence) => Dateline.Strip(sentence);
}
