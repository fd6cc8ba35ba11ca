using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace Weft.Samples.Travel.Catalogue;

/// <summary>
/// What the demo keeps in MySQL, served from memory: the cities and every city's offers per
/// service. Built once from <c>agency-seed.txt</c> (our own format, embedded in the binary).
/// City names match case-insensitively, as MySQL's default collation compares them.
/// </summary>
public sealed class AgencyCatalogue
{
    public const string ResourceName = "agency-seed.txt";

    private readonly FrozenDictionary<string, CityRow> _byName;

    private AgencyCatalogue(ImmutableArray<CityRow> cities, ImmutableArray<OfferRule> rules)
    {
        Cities = cities;
        Rules = rules;
        _byName = cities.ToFrozenDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The cities in seed order (the order of the demo's <c>SELECT city, lat, lng FROM cities</c>).</summary>
    public ImmutableArray<CityRow> Cities { get; }

    public ImmutableArray<OfferRule> Rules { get; }

    /// <summary>The offers one service has for a city, in seed order; false for a city the agency does not serve.</summary>
    public bool TryGetOffers(string service, string city, out ImmutableArray<Offer> offers)
    {
        offers = [];
        if (!_byName.TryGetValue(city, out var row))
            return false;
        var list = ImmutableArray.CreateBuilder<Offer>();
        foreach (var rule in Rules)
            if (rule.Service == service)
                list.Add(rule.For(row));
        offers = list.ToImmutable();
        return offers.Length > 0;
    }

    /// <summary>The catalogue embedded in this binary.</summary>
    public static AgencyCatalogue LoadEmbedded()
    {
        using var stream = typeof(AgencyCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from {typeof(AgencyCatalogue).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ResourceName);
    }

    /// <summary>Parses the seed format; reports every bad line at once (file:line: what and why).</summary>
    public static AgencyCatalogue Parse(string text, string source)
    {
        var cities = ImmutableArray.CreateBuilder<CityRow>();
        var rules = ImmutableArray.CreateBuilder<OfferRule>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            var at = $"{source}:{i + 1}";
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            switch (cells[0])
            {
                case "city" when cells.Length == 4:
                    if (!IsCoordinate(cells[2]) || !IsCoordinate(cells[3]))
                        errors.Add($"{at}: city {cells[1]}: lat '{cells[2]}' and lng '{cells[3]}' must be decimal numbers");
                    else
                        cities.Add(new CityRow(cities.Count + 1, cells[1], cells[2], cells[3]));
                    break;
                case "offer" when cells.Length == 5:
                    if (!int.TryParse(cells[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b)
                        || !int.TryParse(cells[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                        errors.Add($"{at}: offer {cells[2]}: base '{cells[3]}' and step '{cells[4]}' must be whole numbers");
                    else
                        rules.Add(new OfferRule(cells[1], cells[2], b, s));
                    break;
                default:
                    errors.Add($"{at}: expected 'city | name | lat | lng' or 'offer | service | name | base | step', found '{line}'");
                    break;
            }
        }
        if (cities.Count == 0)
            errors.Add($"{source}: no city lines");
        if (errors.Count > 0)
            throw new FormatException(string.Join('\n', errors));
        return new AgencyCatalogue(cities.ToImmutable(), rules.ToImmutable());
    }

    private static bool IsCoordinate(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
