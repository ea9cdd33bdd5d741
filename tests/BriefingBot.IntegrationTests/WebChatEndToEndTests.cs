using BriefingBot.TestKit;
using Microsoft.Playwright;

namespace BriefingBot.IntegrationTests;

/// <summary>
/// A real, independently written client: Bot Framework Web Chat (npm botframework-webchat) in headless Debian
/// Chromium, driven by Playwright, talking Direct Line to a loopback Direct Line service in front of the real host.
/// Needs /usr/bin/chromium and tests/webchat/node_modules, both installed by .ci/run.
/// </summary>
public sealed class WebChatEndToEndTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task AReaderAsksTheNatoQuestionInWebChatSeesTheAnswerWithItsSourceAndTapsSummarize()
    {
        var webChat = Path.Combine(RepositoryRoot(), "tests", "webchat");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (bash .ci/run does).");
        Assert.True(File.Exists(Path.Combine(webChat, "node_modules", "botframework-webchat", "dist", "webchat.js")), "Web Chat is missing: run `npm ci` in tests/webchat (bash .ci/run does).");

        await using var host = await RunningHost.StartAsync();
        await using var directLine = await LoopbackDirectLine.StartAsync(host.Client.BaseAddress!, webChat);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 1100 } });

        await page.GotoAsync(directLine.PageUrl);
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("Which countries joined the NATO meeting?", new LocatorFillOptions { Timeout = 60_000 });
        await sendBox.PressAsync("Enter");

        // Web Chat renders the bot's Markdown: the answer is its own paragraph.
        var answer = page.GetByText("Japan, South Korea, Australia and New Zealand.", new PageGetByTextOptions { Exact = true });
        await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.GetByText("Nakatani Attends NATO Defense Ministers’ Meeting").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        // The suggested action under the answer is a button a reader taps; the bot summarizes the cited story.
        await page.Locator("[role='toolbar'], .webchat__suggested-actions").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Summarize that article" }).First.ClickAsync();
        await page.GetByText("TL;DR:").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        var screenshot = Path.Combine(ArtifactsDirectory(), "webchat-nato-answer.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BriefingBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("BriefingBot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>BRIEFINGBOT_ARTIFACTS when set (.ci/run sets it), else artifacts/ under the test output.</summary>
    private static string ArtifactsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("BRIEFINGBOT_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
