using System.Text;
using System.Text.RegularExpressions;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Text in Penn Treebank tokenization, as NLP news corpora ship it (CNN/Daily Mail, NewsQA), writes brackets as
/// -LRB- -RRB- -LSB- -RSB- -LCB- -RCB- and double quotes as `` and ''. Sentence splitting, datelines, acronyms
/// ("… Alliance -LRB- AMAA -RRB-") and the reader all expect the marks themselves, so a context in that form is
/// read with the marks restored, and what the answer quotes from it is mapped back to the original's characters.
/// </summary>
internal sealed partial class TreebankText
{
    private readonly string _original;

    /// <summary>For each character of <see cref="Text"/>, where the original character (or escape) it came from starts and ends.</summary>
    private readonly int[] _starts;
    private readonly int[] _ends;

    private TreebankText(string original, string text, int[] starts, int[] ends)
    {
        _original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The text with its brackets and quotes restored.</summary>
    public string Text { get; }

    [GeneratedRegex(@"-LRB-|-RRB-|-LSB-|-RSB-|-LCB-|-RCB-|``|''", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();

    [GeneratedRegex(@"-LRB-|-RRB-|-LSB-|-RSB-|``", RegexOptions.CultureInvariant)]
    private static partial Regex Telltale();

    /// <summary>The text with its marks restored; null when it is not in Treebank form (then nothing is changed).</summary>
    public static TreebankText? Restore(string text)
    {
        // Two apostrophes alone are ordinary text; only the bracket escapes or an opening `` mark the form.
        if (!Telltale().IsMatch(text))
        {
            return null;
        }

        var restored = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        void Append(char mark, int start, int end)
        {
            restored.Append(mark);
            starts.Add(start);
            ends.Add(end);
        }

        var at = 0;
        foreach (Match escape in Escape().Matches(text))
        {
            for (; at < escape.Index; at++)
            {
                Append(text[at], at, at + 1);
            }

            Append(Mark(escape.Value), escape.Index, escape.Index + escape.Length);
            at = escape.Index + escape.Length;
        }

        for (; at < text.Length; at++)
        {
            Append(text[at], at, at + 1);
        }

        return new TreebankText(text, restored.ToString(), [.. starts], [.. ends]);
    }

    private static char Mark(string escape) => escape switch
    {
        "-LRB-" => '(',
        "-RRB-" => ')',
        "-LSB-" => '[',
        "-RSB-" => ']',
        "-LCB-" => '{',
        "-RCB-" => '}',
        _ => '"',
    };

    /// <summary>
    /// The original characters of <paramref name="fragment"/>, a piece of <see cref="Text"/>: looked for inside
    /// <paramref name="within"/> (the sentence it was quoted from) when given, else anywhere. The fragment itself
    /// when it is not found.
    /// </summary>
    public string ToOriginal(string fragment, string? within = null)
    {
        if (fragment.Length == 0)
        {
            return fragment;
        }

        var from = within is null ? 0 : Math.Max(0, Text.IndexOf(within, StringComparison.Ordinal));
        var at = Text.IndexOf(fragment, from, StringComparison.Ordinal);
        if (at < 0)
        {
            at = Text.IndexOf(fragment, StringComparison.Ordinal);
        }

        return at < 0 ? fragment : _original[_starts[at].._ends[at + fragment.Length - 1]];
    }
}
