using System.Xml;
using System.Xml.Linq;

namespace BriefingBot.Core.Feeds;

/// <summary>
/// OPML 2.0 subscription lists, the format feed readers import and export. Written with System.Xml.Linq: no OPML
/// package is served here and the format is a few elements.
/// </summary>
public static class Opml
{
    /// <summary>A feed listed in an OPML file.</summary>
    public sealed record Outline(string Url, string? Title);

    /// <summary>Every outline with an xmlUrl, nested folders included; DTDs are refused.</summary>
    /// <exception cref="FormatException">Not an OPML document.</exception>
    public static IReadOnlyList<Outline> Parse(string xml)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"not an OPML file: {ex.Message}", ex);
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            throw new FormatException("not an OPML file: the root element is not <opml>");
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "outline")
            .Select(e => (Url: (string?)e.Attribute("xmlUrl"), Title: (string?)e.Attribute("title") ?? (string?)e.Attribute("text")))
            .Where(o => Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            .Select(o => new Outline(o.Url!, string.IsNullOrWhiteSpace(o.Title) ? null : o.Title.Trim()))
            .DistinctBy(o => o.Url)
            .ToList();
    }

    public static string Write(IEnumerable<NewsSource> sources, DateTimeOffset now)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "opml",
                new XAttribute("version", "2.0"),
                new XElement("head", new XElement("title", "BriefingBot sources"), new XElement("dateCreated", now.ToString("r", System.Globalization.CultureInfo.InvariantCulture))),
                new XElement("body", sources.Select(s => new XElement(
                    "outline",
                    new XAttribute("type", "rss"),
                    new XAttribute("text", s.Title ?? s.Url),
                    new XAttribute("title", s.Title ?? s.Url),
                    new XAttribute("xmlUrl", s.Url))))));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
