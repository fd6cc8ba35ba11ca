using System.Text.RegularExpressions;
using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Bookinfo;

/// <summary>Bookinfo's services behave per version as Istio's images do, and productpage shows them.</summary>
public sealed partial class BookinfoTests(BookinfoMesh mesh)
{
    private const string Review1 = "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!";
    private const string Review2 = "Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.";

    [Fact]
    public async Task Reviews_v1_has_no_ratings_v2_has_black_stars_and_v3_red_stars_from_ratings()
    {
        var v1 = await mesh.Reviews["v1"].Client.GetJsonAsync("reviews/0");
        v1["id"]!.GetValue<string>().Should().Be("0");
        v1["clustername"]!.GetValue<string>().Should().Be("null");
        v1["reviews"]!.ToJsonString().Should().Be($"[{{\"reviewer\":\"Reviewer1\",\"text\":\"{Review1}\"}},{{\"reviewer\":\"Reviewer2\",\"text\":\"{Review2}\"}}]");

        var ratingsBefore = mesh.Ratings.CountLines("GET /ratings/0 200");
        var v2 = await mesh.Reviews["v2"].Client.GetJsonAsync("reviews/0");
        v2["reviews"]!.AsArray().Select(r => r!["rating"]!.ToJsonString()).Should().Equal("{\"stars\":5,\"color\":\"black\"}", "{\"stars\":4,\"color\":\"black\"}");
        var v3 = await mesh.Reviews["v3"].Client.GetJsonAsync("reviews/0");
        v3["reviews"]!.AsArray().Select(r => r!["rating"]!.ToJsonString()).Should().Equal("{\"stars\":5,\"color\":\"red\"}", "{\"stars\":4,\"color\":\"red\"}");
        mesh.Ratings.CountLines("GET /ratings/0 200").Should().BeGreaterThanOrEqualTo(ratingsBefore + 2, "v2 and v3 asked ratings for the stars");
        mesh.Reviews["v1"].Output.Should().NotContain("ratings", "v1 never calls ratings");
    }

    [Fact]
    public async Task Ratings_gives_five_and_four_stars_keeps_posted_ones_and_refuses_a_non_numeric_id()
    {
        (await mesh.Ratings.Client.GetJsonAsync("ratings/0")).ToJsonString().Should().Be("{\"id\":0,\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}");
        (await mesh.Ratings.Client.SendAsync(HttpMethod.Post, "ratings/7", "{\"Reviewer1\":1,\"Reviewer2\":2}"))
            .Should().Be((200, "{\"id\":7,\"ratings\":{\"Reviewer1\":1,\"Reviewer2\":2}}"));
        (await mesh.Ratings.Client.GetJsonAsync("ratings/7"))["ratings"]!["Reviewer1"]!.GetValue<int>().Should().Be(1);
        (await mesh.Ratings.Client.GetJsonAsync("ratings/abc", 400)).ToJsonString().Should().Be("{\"error\":\"please provide numeric product ID\"}");
        (await mesh.Ratings.Client.GetJsonAsync("health")).ToJsonString().Should().Be("{\"status\":\"Ratings is healthy\"}");
    }

    [Fact]
    public async Task Details_gives_the_book_and_refuses_a_non_numeric_id()
    {
        (await mesh.Details.Client.GetJsonAsync("details/0")).ToJsonString().Should().Be(
            "{\"id\":0,\"author\":\"William Shakespeare\",\"year\":1595,\"type\":\"paperback\",\"pages\":200,\"publisher\":\"PublisherA\",\"language\":\"English\",\"ISBN-10\":\"1234567890\",\"ISBN-13\":\"123-1234567890\"}");
        (await mesh.Details.Client.GetJsonAsync("details/x", 400)).ToJsonString().Should().Be("{\"error\":\"please provide numeric product id\"}");
    }

    [Theory]
    [InlineData("v1", 0, 0, null)]
    [InlineData("v2", 9, 1, "black")]
    [InlineData("v3", 9, 1, "red")]
    public async Task Productpage_shows_the_details_and_the_reviews_of_each_version(string version, int fullStars, int emptyStars, string? color)
    {
        using var response = await mesh.ProductPages[version].Client.GetAsync("productpage?u=normal");
        ((int)response.StatusCode).Should().Be(200);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();

        html.Should().Contain("The Comedy of Errors").And.Contain("<h4>Book Details</h4>").And.Contain("PublisherA").And.Contain("123-1234567890");
        html.Should().Contain("<h4>Book Reviews</h4>").And.Contain("Reviewer1").And.Contain(Review2);
        FullStar().Count(html).Should().Be(fullStars);
        EmptyStar().Count(html).Should().Be(emptyStars);
        if (color is null)
            html.Should().NotContain("<font color=");
        else
            html.Should().Contain($"<font color=\"{color}\">");
        html.Should().Contain($"Reviews served by: reviews/{version}");
        html.Should().NotContain("Error fetching");
    }

    [Fact]
    public async Task Productpage_api_lists_the_product_and_passes_on_details_reviews_and_ratings()
    {
        var client = mesh.ProductPages["v3"].Client;
        var products = (await client.GetJsonAsync("api/v1/products")).AsArray();
        products.Should().ContainSingle();
        products[0]!["title"]!.GetValue<string>().Should().Be("The Comedy of Errors");
        (await client.GetJsonAsync("api/v1/products/0"))["author"]!.GetValue<string>().Should().Be("William Shakespeare");
        (await client.GetJsonAsync("api/v1/products/0/reviews"))["reviews"]![1]!["rating"]!["color"]!.GetValue<string>().Should().Be("red");
        (await client.GetJsonAsync("api/v1/products/0/ratings"))["ratings"]!["Reviewer2"]!.GetValue<int>().Should().Be(4);
        (await mesh.ProductPages["v1"].Client.GetAsync("health")).IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task Productpage_shows_each_failing_service_as_an_error_and_tries_reviews_twice()
    {
        var reviewsAddress = Weft.Testing.Net.UniqueLoopback();
        var deadRatings = $"http://{Weft.Testing.Net.UniqueLoopback()}:9080";
        var deadDetails = $"http://{Weft.Testing.Net.UniqueLoopback()}:9080";
        var starting = new[]
        {
            SampleProcess.StartAsync("reviews", new Dictionary<string, string> { ["SERVICE_VERSION"] = "v2", ["RATINGS_SERVICE"] = deadRatings }, reviewsAddress, 9080),
            SampleProcess.StartAsync("productpage", new Dictionary<string, string> { ["DETAILS_SERVICE"] = deadDetails, ["REVIEWS_SERVICE"] = $"http://{reviewsAddress}:9080" }, null, 9080),
        };
        await using var reviews = await starting[0];
        await using var page = await starting[1];
        (await reviews.Client.GetAsync("reviews/0")).IsSuccessStatusCode.Should().BeTrue("a warm reviews answers within productpage's 3 s");

        // details is down and ratings is down: the page still renders, with both errors.
        var html = await page.Client.GetStringAsync("productpage");
        html.Should().Contain("<h4>Error fetching product details!</h4>").And.Contain("Sorry, product details are currently unavailable for this book.");
        html.Should().Contain("<h4>Book Reviews</h4>").And.Contain("<p><i>Ratings service is currently unavailable</i></p>");
        (await page.Client.GetJsonAsync("api/v1/products/0", 500)).ToJsonString()
            .Should().Be("{\"error\":\"Sorry, product details are currently unavailable for this book.\"}");

        // reviews fails too: productpage asks it twice, then shows the reviews error.
        (await reviews.Client.SendAsync(HttpMethod.Post, "admin/fail", "{\"status\":503}")).Status.Should().Be(200);
        var before = reviews.CountLines("GET /reviews/0 503");
        html = await page.Client.GetStringAsync("productpage");
        html.Should().Contain("<h4>Error fetching product reviews!</h4>").And.Contain("Sorry, product reviews are currently unavailable for this book.");
        reviews.CountLines("GET /reviews/0 503").Should().Be(before + 2);
        (await page.Client.GetJsonAsync("api/v1/products/0/reviews", 503))["error"]!.GetValue<string>()
            .Should().Be("Sorry, product reviews are currently unavailable for this book.");
    }

    [GeneratedRegex("class=\"glyphicon glyphicon-star\"")]
    private static partial Regex FullStar();

    [GeneratedRegex("class=\"glyphicon glyphicon-star-empty\"")]
    private static partial Regex EmptyStar();
}
