using System.Text.Json.Nodes;
using Weft.Samples.Tests.Infrastructure;
using Weft.Samples.Travel.Catalogue;
using Weft.Testing;

namespace Weft.Samples.Tests.Travel;

/// <summary>The embedded seed (our own format) against the demo's database rows, and the format's own errors.</summary>
public sealed class AgencySeedTests(TravelAgency agency)
{
    [Fact]
    public async Task Every_row_of_the_demos_database_is_served_by_the_agency_services()
    {
        var db = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.RequireCorpus("kiali-travels"), "travels-db.json")))!["tables"]!;
        var cities = db["cities"]!.AsArray();
        var served = (await agency.Hotels.Client.GetJsonAsync("hotels")).AsArray();
        served.Select(c => c!.ToJsonString()).Should().Equal(cities.Select(c => new JsonObject
        {
            ["city"] = c!["city"]!.GetValue<string>(),
            ["lat"] = c["lat"]!.GetValue<string>(),
            ["lng"] = c["lng"]!.GetValue<string>(),
        }.ToJsonString()));

        var tables = new[] { ("flights", "airline", agency.Flights), ("hotels", "hotel", agency.Hotels), ("cars", "carModel", agency.Cars), ("insurances", "company", agency.Insurances) };
        foreach (var city in cities)
        {
            var id = city!["cityId"]!.GetValue<int>();
            var name = city["city"]!.GetValue<string>();
            foreach (var (table, member, service) in tables)
            {
                var expected = db[table]!.AsArray().Where(r => r!["cityId"]!.GetValue<int>() == id)
                    .Select(r => $"{r![member]}={r["price"]}").ToList();
                var actual = (await service.Client.GetJsonAsync($"{table}/{Uri.EscapeDataString(name)}")).AsArray()
                    .Select(r => $"{r![member]}={r["price"]}").ToList();
                actual.Should().Equal(expected, "{0} of {1}", table, name);
            }
        }
    }

    [Fact]
    public void The_seed_format_reports_every_bad_line_with_its_number()
    {
        var text = "# comment\ncity | Oslo | 59.9 | 10.75\ncity | Nowhere | north | 1\noffer | cars | Van | cheap | 1\nsomething else\n";
        var act = () => AgencyCatalogue.Parse(text, "seed.txt");
        act.Should().Throw<FormatException>().Which.Message.Split('\n').Should().Equal(
            "seed.txt:3: city Nowhere: lat 'north' and lng '1' must be decimal numbers",
            "seed.txt:4: offer Van: base 'cheap' and step '1' must be whole numbers",
            "seed.txt:5: expected 'city | name | lat | lng' or 'offer | service | name | base | step', found 'something else'");
    }

    [Fact]
    public void Cities_match_without_regard_to_case_as_the_demos_MySQL_does()
    {
        var catalogue = AgencyCatalogue.LoadEmbedded();
        catalogue.TryGetOffers("cars", "lONDON", out var cars).Should().BeTrue();
        cars.Should().Equal(new Offer("Sports Car", 1090), new Offer("Economy Car", 336));
        catalogue.TryGetOffers("cars", "Atlantis", out _).Should().BeFalse();
    }
}
