using BriefingBot.TestKit;

namespace BriefingBot.Tests;

/// <summary>One store with the sample stories ingested, shared read-only by a test class.</summary>
public sealed class SampleStoreFixture : IAsyncLifetime
{
    public TestServices Services { get; private set; } = null!;

    public async Task InitializeAsync() => Services = await TestServices.WithSamplesAsync();

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
