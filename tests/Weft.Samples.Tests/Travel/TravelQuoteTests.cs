using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Travel;

/// <summary>travels' quotes, assembled from the real flights, hotels, cars, insurances and discounts processes.</summary>
public sealed class TravelQuoteTests(TravelAgency agency)
{
    [Fact]
    public async Task A_London_quote_has_the_demo_shape_and_the_seed_prices_of_every_agency_service()
    {
        var quote = (JsonObject)await agency.Travels.Client.GetJsonAsync("travels/London");

        // The member order of the demo's Go struct, and nothing else.
        quote.Select(p => p.Key).Should().Equal("city", "coordinates", "createdAt", "status", "flights", "hotels", "cars", "insurances");
        quote["city"]!.GetValue<string>().Should().Be("London");
        quote["coordinates"].Should().BeNull("the demo's travels never sets coordinates");
        quote["status"]!.GetValue<string>().Should().Be("Valid");
        DateTimeOffset.TryParseExact(quote["createdAt"]!.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            .Should().BeTrue("createdAt is RFC 3339: {0}", quote["createdAt"]);
        created.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        Offers(quote, "flights", "airline").Should().Equal(("Red Airlines", 1018f), ("Blue Airlines", 368f), ("Green Airlines", 318f));
        Offers(quote, "hotels", "hotel").Should().Equal(("Grand Hotel London", 590f), ("Little London Hotel", 116f));
        Offers(quote, "cars", "carModel").Should().Equal(("Sports Car", 1090f), ("Economy Car", 336f));
        Offers(quote, "insurances", "company").Should().Equal(("Yellow Insurances", 325f), ("Blue Insurances", 74f));

        // Each list came from its own service, not from travels.
        agency.Flights.CountLines("GET /flights/London 200").Should().BeGreaterThan(0);
        agency.Hotels.CountLines("GET /hotels/London 200").Should().BeGreaterThan(0);
        agency.Cars.CountLines("GET /cars/London 200").Should().BeGreaterThan(0);
        agency.Insurances.CountLines("GET /insurances/London 200").Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("registered", 0.90f)]
    [InlineData("new", 0.75f)]
    [InlineData("someone", 0.95f)]
    public async Task A_user_header_gets_the_discount_of_the_discounts_service_on_every_price(string user, float factor)
    {
        var quote = (JsonObject)await agency.Travels.Client.GetJsonAsync("travels/London", 200, ("user", user));

        // float32 arithmetic, as the demo's Go services do it: 1090 * 0.9 is 981, 116 * 0.9 is 104.399994.
        Offers(quote, "flights", "airline").Select(o => o.Price).Should().Equal(1018f * factor, 368f * factor, 318f * factor);
        Offers(quote, "hotels", "hotel").Select(o => o.Price).Should().Equal(590f * factor, 116f * factor);
        Offers(quote, "cars", "carModel").Select(o => o.Price).Should().Equal(1090f * factor, 336f * factor);
        Offers(quote, "insurances", "company").Select(o => o.Price).Should().Equal(325f * factor, 74f * factor);
        agency.Discounts.CountLines($"GET /discounts/{user} 200").Should().BeGreaterThanOrEqualTo(4, "each of the four offer services asked discounts");
    }

    [Fact]
    public async Task Discounts_answers_the_demo_rates_per_user()
    {
        foreach (var (user, discount) in new[] { ("registered", 0.1), ("new", 0.25), ("other", 0.05) })
        {
            var d = await agency.Discounts.Client.GetJsonAsync($"discounts/{user}");
            d.ToJsonString().Should().Be($"{{\"user\":\"{user}\",\"discount\":{discount.ToString(CultureInfo.InvariantCulture)}}}");
        }
    }

    [Fact]
    public async Task Travel_type_t2_has_no_cars_and_t3_no_flights_and_those_services_are_not_called()
    {
        var carsBefore = agency.Cars.CountLines("GET /cars/Oslo ");
        var t2 = await agency.Travels.Client.GetJsonAsync("travels/Oslo", 200, ("travel", "t2"));
        t2["cars"].Should().BeNull();
        t2["flights"]!.AsArray().Should().HaveCount(3);
        agency.Cars.CountLines("GET /cars/Oslo ").Should().Be(carsBefore);

        var flightsBefore = agency.Flights.CountLines("GET /flights/Oslo ");
        var t3 = await agency.Travels.Client.GetJsonAsync("travels/Oslo", 200, ("travel", "t3"));
        t3["flights"].Should().BeNull();
        t3["cars"]!.AsArray().Should().HaveCount(2);
        agency.Flights.CountLines("GET /flights/Oslo ").Should().Be(flightsBefore);
    }

    [Fact]
    public async Task The_city_list_comes_from_hotels_with_the_45_capitals_and_string_coordinates()
    {
        var cities = (await agency.Travels.Client.GetJsonAsync("travels")).AsArray();

        cities.Should().HaveCount(45);
        cities[0]!.ToJsonString().Should().Be("{\"city\":\"Amsterdam\",\"lat\":\"52.3500\",\"lng\":\"4.9166\"}");
        cities.Select(c => c!["city"]!.GetValue<string>()).Should().Contain(["London", "Paris", "Rome", "San Marino", "Zagreb"]);
        agency.Hotels.CountLines("GET /hotels 200").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_city_with_a_space_is_quoted()
    {
        var quote = await agency.Travels.Client.GetJsonAsync("travels/San%20Marino");
        quote["city"]!.GetValue<string>().Should().Be("San Marino");
        Offers((JsonObject)quote, "hotels", "hotel")[0].Name.Should().Be("Grand Hotel San Marino");
    }

    [Fact]
    public async Task An_unknown_city_is_a_404_with_the_demo_error_texts()
    {
        (await agency.Cars.Client.GetJsonAsync("cars/Atlantis", 404)).ToJsonString().Should().Be("{\"error\":\"City Atlantis not found\"}");
        (await agency.Travels.Client.GetJsonAsync("travels/Atlantis", 404)).ToJsonString().Should().Be("{\"error\":\"Travel Quote for Atlantis not found\"}");
    }

    private static List<(string Name, float Price)> Offers(JsonObject quote, string list, string nameMember) =>
        [.. quote[list]!.AsArray().Select(o => (o![nameMember]!.GetValue<string>(), o["price"]!.GetValue<float>()))];
}
