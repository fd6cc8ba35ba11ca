using Weft.Identity.Bootstrap;

namespace Weft.Identity.Tests.Bootstrap;

public class BootstrapTokenTests
{
    [Fact]
    public void A_token_reads_back_from_its_text()
    {
        var token = BootstrapToken.Generate();
        var text = token.Reveal();
        text.Should().MatchRegex(@"^weftbt\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$");
        BootstrapToken.TryParse(text, out var back, out var error).Should().BeTrue(error);
        back.Should().Be(token);
        back.Matches(token.SecretHash()).Should().BeTrue();
    }

    [Fact]
    public void A_token_printed_or_logged_by_accident_hides_its_secret()
    {
        var token = BootstrapToken.Generate();
        var secret = token.Reveal().Split('.')[2];
        token.ToString().Should().Be($"weftbt.{token.Id}.(secret)").And.NotContain(secret);
        $"{token}".Should().NotContain(secret);
    }

    [Fact]
    public void Two_tokens_differ_and_one_does_not_match_the_other_s_hash()
    {
        var a = BootstrapToken.Generate();
        var b = BootstrapToken.Generate();
        a.Id.Should().NotBe(b.Id);
        a.Matches(b.SecretHash()).Should().BeFalse();
    }

    [Theory]
    [InlineData("", "the bootstrap token is empty")]
    [InlineData("hunter2", "not of the form weftbt.ID.SECRET")]
    [InlineData("Bearer weftbt.abc.def", "not of the form weftbt.ID.SECRET")]
    [InlineData("weftbt.AAAAAAAAAAAA.short", "is damaged")]
    [InlineData("weftbt.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$", "is damaged")]
    public void Text_that_is_not_a_token_is_refused_without_echoing_it(string text, string reason)
    {
        BootstrapToken.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
        if (text.Length > 20)
            error.Should().NotContain(text.Split('.')[^1]);
    }
}
