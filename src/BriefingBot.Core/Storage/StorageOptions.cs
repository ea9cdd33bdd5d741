using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Core.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Sqlite (default) or Postgres.</summary>
    [Required]
    [RegularExpression("^(?i)(Sqlite)$", ErrorMessage = "Storage:Provider must be Sqlite (Postgres support arrives with the scale-out work).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite, a file path or a full connection string.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/briefingbot.db";
}
