using BriefingBot.Core.Feeds;
using BriefingBot.TestKit;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BriefingBot.Tests.Dialogs;

/// <summary>Managing sources in chat: admins may change them, others may only list them.</summary>
public sealed class SourcesDialogTests : IDisposable
{
    private const uint Timeout = 30_000;
    private readonly TestServices _services = TestServices.Create(new Dictionary<string, string?> { ["Admin:Users:0"] = "29:admin-user" });

    public void Dispose() => _services.Dispose();

    private TestFlow Flow(string channel, string user)
    {
        var reference = new ConversationReference
        {
            ChannelId = channel,
            ServiceUrl = "https://smba.test/",
            User = new ChannelAccount(user, "User"),
            Bot = new ChannelAccount("28:bot", "BriefingBot"),
            Conversation = new ConversationAccount(id: "sources-" + user),
        };
        return new TestFlow(new TestAdapter(reference), _services.Get<IBot>().OnTurnAsync);
    }

    private static Action<IActivity> Says(string expected) =>
        a => Assert.Contains(expected, a.AsMessageActivity().Text, StringComparison.Ordinal);

    [Fact]
    public async Task ATeamsUserWhoIsNotAnAdminCanListButNotAddSources()
    {
        await Flow("msteams", "29:someone")
            .Send("add feed https://wire.test/rss")
            .AssertReply(Says("Only the bot's admins can change its sources. An admin can add your id (29:someone) to Admin:Users."), "refused", Timeout)
            .Send("list sources")
            .AssertReply(Says("No sources yet."), "listing", Timeout)
            .StartTestAsync();

        Assert.Empty(await _services.Get<ISourceStore>().ListAsync());
    }

    [Fact]
    public async Task AnAdminAddsImportsListsAndRemovesSources()
    {
        await Flow("msteams", "29:admin-user")
            .Send("add feed https://wire.test/rss")
            .AssertReply(Says("Added source #1: https://wire.test/rss."), "added", Timeout)
            .Send("import opml <opml version=\"2.0\"><body><outline text=\"Gazette\" xmlUrl=\"https://gazette.test/feed\"/></body></opml>")
            .AssertReply(Says("Imported 1 new source (0 already known) of 1 in the file."), "imported", Timeout)
            .Send("list sources")
            .AssertReply(Says("- #2 Gazette — https://gazette.test/feed — every 15 min, 0 articles, not checked yet"), "listed", Timeout)
            .Send("remove source 1")
            .AssertReply(Says("Removed source #1."), "removed", Timeout)
            .Send("export opml")
            .AssertReply(Says("xmlUrl=\"https://gazette.test/feed\""), "exported", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task InTheEmulatorWithoutAnAppIdEveryoneIsAnAdmin()
    {
        await Flow("emulator", "default-user")
            .Send("add source https://wire.test/rss")
            .AssertReply(Says("Added source #1"), "added", Timeout)
            .StartTestAsync();
    }
}
