using BriefingBot.TestKit;
using Microsoft.Bot.Builder;

namespace BriefingBot.Tests.Storage;

/// <summary>The IStorage contract as Bot Builder's MemoryStorage tests state it, on SQLite and PostgreSQL.</summary>
public abstract class DocumentBotStorageContract
{
    protected abstract IStorage Storage { get; }

    protected abstract Core.Storage.IDocumentStore Documents { get; }

    [Fact]
    public async Task TryAddCreatesADocumentOnlyOnce()
    {
        Assert.True(await Documents.TryAddAsync("slack-event/Ev1", "{}"));
        Assert.False(await Documents.TryAddAsync("slack-event/Ev1", "{}"));
    }

    [Fact]
    public async Task ItReadsBackWhatItWroteWithItsType()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "hello" } });

        var read = await Storage.ReadAsync<Note>(["item"]);

        Assert.Equal("hello", read["item"].Text);
        Assert.False(string.IsNullOrEmpty(read["item"].ETag));
    }

    [Fact]
    public async Task ItRejectsAWriteWithAStaleETag()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "v1" } });
        var first = (await Storage.ReadAsync<Note>(["item"]))["item"];
        var second = (await Storage.ReadAsync<Note>(["item"]))["item"];

        first.Text = "v2";
        await Storage.WriteAsync(new Dictionary<string, object> { ["item"] = first });
        second.Text = "v2-conflict";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync(new Dictionary<string, object> { ["item"] = second }));

        Assert.Contains("Etag conflict", error.Message, StringComparison.Ordinal);
        Assert.Equal("v2", (await Storage.ReadAsync<Note>(["item"]))["item"].Text);
    }

    [Fact]
    public async Task ItOverwritesWhenTheETagIsAStar()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "v1" } });
        await Storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "v2", ETag = "*" } });

        Assert.Equal("v2", (await Storage.ReadAsync<Note>(["item"]))["item"].Text);
    }

    [Fact]
    public async Task ItDeletesAndThenReadsNothing()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "x" }, ["b"] = new Note { Text = "y" } });
        await Storage.DeleteAsync(["a"]);

        var read = await Storage.ReadAsync(["a", "b"]);

        Assert.Equal(["b"], read.Keys);
    }

    [Fact]
    public async Task ItKeepsConversationStateAcrossStorageInstances()
    {
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter();
        var activity = MessageFactory.Text("hi");
        activity.ChannelId = "test";
        activity.Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: "conv-1");
        using (var turn = new TurnContext(adapter, activity))
        {
            var state = new ConversationState(Storage);
            await state.CreateProperty<Note>("note").SetAsync(turn, new Note { Text = "remembered" });
            await state.SaveChangesAsync(turn);
        }

        using var later = new TurnContext(adapter, activity);
        var fresh = new ConversationState(new BriefingBot.Dialogs.State.DocumentBotStorage(Documents));
        var note = await fresh.CreateProperty<Note>("note").GetAsync(later, () => new Note());
        Assert.Equal("remembered", note.Text);
    }

    public sealed class Note : IStoreItem
    {
        public string Text { get; set; } = string.Empty;

        public string? ETag { get; set; }
    }
}

public sealed class SqliteDocumentBotStorageTests : DocumentBotStorageContract, IDisposable
{
    private readonly TestServices _services = TestServices.Create();

    protected override IStorage Storage => _services.Get<IStorage>();

    protected override Core.Storage.IDocumentStore Documents => _services.Get<Core.Storage.IDocumentStore>();

    public void Dispose() => _services.Dispose();
}

public sealed class PostgresDocumentBotStorageTests : DocumentBotStorageContract, IAsyncLifetime
{
    private PostgresServices _postgres = null!;

    protected override IStorage Storage => _postgres.Services.Get<IStorage>();

    protected override Core.Storage.IDocumentStore Documents => _postgres.Services.Get<Core.Storage.IDocumentStore>();

    public async Task InitializeAsync() => _postgres = await PostgresServices.CreateAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync().AsTask();
}
