using Microsoft.Extensions.Configuration;

namespace BriefingBot.Hosting;

/// <summary>One configuration for every mode: appsettings.json beside the app, then environment variables.</summary>
internal static class BriefingConfiguration
{
    /// <summary>Adds the sources; <paramref name="database"/> (the --db option) overrides Storage:ConnectionString.</summary>
    public static void Apply(IConfigurationBuilder configuration, string? database)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(database))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = database.Contains('=', StringComparison.Ordinal) ? database : $"Data Source={database}",
            });
        }
    }

    /// <summary>A path as given when it exists from the working directory, else relative to the app's folder.</summary>
    public static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var besideApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideApp) || Directory.Exists(besideApp) ? besideApp : path;
    }
}
