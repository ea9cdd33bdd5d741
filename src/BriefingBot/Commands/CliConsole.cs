namespace BriefingBot.Commands;

/// <summary>The streams a command reads and writes (the process's console, or a test's buffers).</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
