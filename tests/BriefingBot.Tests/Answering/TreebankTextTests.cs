using BriefingBot.AI.Offline;

namespace BriefingBot.Tests.Answering;

/// <summary>Treebank-tokenized text read with its brackets and quotes, and quoted back as written; wire datelines.</summary>
public sealed class TreebankTextTests
{
    [Fact]
    public void ItRestoresBracketsAndQuotesAndMapsAQuoteBackToTheOriginal()
    {
        const string original = "The quake struck 27 miles -LRB- 43 km -RRB- away . `` It shook , '' she said .";

        var text = TreebankText.Restore(original)!;

        Assert.Equal("The quake struck 27 miles ( 43 km ) away . \" It shook , \" she said .", text.Text);
        Assert.Equal("27 miles -LRB- 43 km", text.ToOriginal("27 miles ( 43 km"));
        Assert.Equal("`` It shook , ''", text.ToOriginal("\" It shook , \""));
    }

    [Theory]
    [InlineData("He said it''s fine.")]
    [InlineData("Prices rose (slightly) in May.")]
    public void ItLeavesOrdinaryTextAlone(string text) => Assert.Null(TreebankText.Restore(text));

    [Theory]
    [InlineData("BRUSSELS — Ministers met on Thursday.", "Ministers met on Thursday.", null)]
    [InlineData("LONDON (Reuters) - Shares fell.", "Shares fell.", "(Reuters) - ")]
    [InlineData("(CNN) -- A storm hit the coast.", "A storm hit the coast.", "(CNN) -- ")]
    [InlineData("LONDON , England ( CNN ) -- A storm hit.", "A storm hit.", "( CNN ) -- ")]
    [InlineData("Nakatani met Rutte in Brussels.", "Nakatani met Rutte in Brussels.", null)]
    [InlineData("Regarding the Indo-Pacific Four (IP4) — Japan and Australia — NATO invited them.", "Regarding the Indo-Pacific Four (IP4) — Japan and Australia — NATO invited them.", null)]
    public void ItFindsDatelinesAndWhoFiledTheStory(string sentence, string stripped, string? source)
    {
        Assert.Equal(stripped, Dateline.Strip(sentence));
        Assert.Equal(source, Dateline.Source(sentence) is { } range ? sentence[range] : null);
    }
}
