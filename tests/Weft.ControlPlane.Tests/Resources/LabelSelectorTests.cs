using Weft.ControlPlane.Resources.Labels;

namespace Weft.ControlPlane.Tests.Resources;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front", ["version"] = "v1" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db", ["tier"] = "back" };
    private static readonly Dictionary<string, string> Unlabelled = [];

    private static bool[] Match(string selector)
    {
        var s = LabelSelector.Parse(selector, out var error);
        error.Should().BeNull();
        return [s!.Matches(Web), s.Matches(Db), s.Matches(Unlabelled)];
    }

    [Theory]
    [InlineData("", true, true, true)]
    [InlineData("app=web", true, false, false)]
    [InlineData("app==web", true, false, false)]
    [InlineData("app!=web", false, true, true)]
    [InlineData("app in (web, db)", true, true, false)]
    [InlineData("app notin (web)", false, true, true)]
    [InlineData("version", true, false, false)]
    [InlineData("!version", false, true, true)]
    [InlineData("tier=front,version", true, false, false)]
    [InlineData(" app in (db) , !version ", false, true, false)]
    [InlineData("example.com/role!=x", true, true, true)]
    public void Each_operator_matches_as_in_Kubernetes(string selector, bool web, bool db, bool unlabelled) =>
        Match(selector).Should().Equal(web, db, unlabelled);

    [Fact]
    public void An_empty_value_matches_the_empty_label()
    {
        var s = LabelSelector.Parse("flag=", out _)!;
        s.Matches(new Dictionary<string, string> { ["flag"] = "" }).Should().BeTrue();
        s.Matches(new Dictionary<string, string> { ["flag"] = "x" }).Should().BeFalse();
    }

    [Theory]
    [InlineData("app in (web", "unexpected end of selector, expected: ',' or ')' in the list of values")]
    [InlineData("app in web", "found 'web' at position 7, expected: '(' after 'in'")]
    [InlineData("app in ()", "the list of values after 'in' at position 4 is empty; it needs at least one value")]
    [InlineData("=web", "found '=' at position 0, expected: a label key")]
    [InlineData("app=web x", "found 'x' at position 8, expected: ',' or end of selector")]
    [InlineData("app>1", "'>' at position 3 is not supported (only =, ==, !=, in, notin, exists and !key)")]
    [InlineData("app=", null)]
    [InlineData("bad key=1", "found 'key' at position 4, expected: '=', '==', '!=', 'in', 'notin', ',' or end of selector")]
    [InlineData("-app=1", "invalid label key \"-app\" at position 0: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("app=we$b", "invalid label value \"we$b\" at position 4: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("!", "unexpected end of selector, expected: a label key after '!'")]
    public void Malformed_selectors_say_what_was_found_where(string selector, string? expected)
    {
        var s = LabelSelector.Parse(selector, out var error);
        error.Should().Be(expected);
        (s is null).Should().Be(expected is not null);
    }

    [Fact]
    public void A_selector_prints_back_in_canonical_form() =>
        LabelSelector.Parse("a==1, b in (x,y),!c ,d", out _)!.ToString().Should().Be("a=1,b in (x,y),!c,d");
}
