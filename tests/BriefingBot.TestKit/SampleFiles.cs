namespace BriefingBot.TestKit;

/// <summary>The sample stories the product ships with (samples/ in the repository), copied beside the tests.</summary>
public static class SampleFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string NatoStory => Path.Combine(Directory, "nato-defence-ministers-2024-10-18.txt");
}
