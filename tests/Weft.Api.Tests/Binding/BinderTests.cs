using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Model;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Binding;

public class BinderTests
{
    [WireCase(WireCase.UpperSnake)]
    public enum Mode
    {
        Unset,
        IstioMutual,
        Http2,
    }

    public sealed record Inner
    {
        public string? Name { get; init; }
        public int? Weight { get; init; }
    }

    public sealed record Sample
    {
        public IReadOnlyList<string>? Hosts { get; init; }
        public Mode? Mode { get; init; }
        public Duration? Timeout { get; init; }
        public IReadOnlyList<Inner>? Routes { get; init; }
        public IReadOnlyDictionary<string, string>? Labels { get; init; }
        public uint? Port { get; init; }
        public double? Percent { get; init; }
        public IntOrString? Target { get; init; }
        public FreeForm? Extra { get; init; }
        [Wire("$weird")] public bool? Weird { get; init; }
    }

    private static (Sample? Value, BindContext Ctx) Bind(string yaml)
    {
        var (docs, errors) = DocumentReader.Read(yaml, "t");
        errors.Should().BeEmpty();
        var ctx = new BindContext();
        return (Binder.Bind<Sample>(docs[0].Root!, ctx), ctx);
    }

    [Fact]
    public void Fields_bind_by_their_wire_names()
    {
        var (s, ctx) = Bind("""
            hosts: [a, b]
            mode: ISTIO_MUTUAL
            timeout: 1.5s
            routes:
            - name: r
              weight: 90
            labels: {app: x}
            port: 4294967295
            percent: 10
            target: http
            extra: {anything: [1, {b: c}]}
            $weird: true
            """);
        ctx.Errors.Should().BeEmpty();
        s!.Hosts.Should().Equal("a", "b");
        s.Mode.Should().Be(Mode.IstioMutual);
        s.Timeout!.Value.Value.Should().Be(TimeSpan.FromMilliseconds(1500));
        s.Routes![0].Should().Be(new Inner { Name = "r", Weight = 90 });
        s.Labels!["app"].Should().Be("x");
        s.Port.Should().Be(uint.MaxValue);
        s.Percent.Should().Be(10);
        s.Target.Should().Be(new IntOrString("http"));
        s.Weird.Should().BeTrue();
        ctx.Map.Find("routes[0].weight").Should().Be(new Mark(6, 11));
    }

    [Fact]
    public void Unknown_fields_are_errors_that_suggest_the_closest_known_field()
    {
        var (_, ctx) = Bind("hosts: [a]\nroutes:\n- nmae: r\n  Weight: 1\ntimout: 1s\n");
        ctx.Errors.Select(e => e.Message).Should().BeEquivalentTo(
            "routes[0].nmae: unknown field \"nmae\"; did you mean \"name\"?",
            "routes[0].Weight: unknown field \"Weight\"; did you mean \"weight\"?",
            "timout: unknown field \"timout\"; did you mean \"timeout\"?");
        ctx.Map.Find("timout").Line.Should().Be(5);
    }

    [Fact]
    public void Wrong_types_are_reported_in_openapi_words_and_all_at_once()
    {
        var (_, ctx) = Bind("hosts: a\nport: \"80\"\nroutes:\n- weight: 1.5\nlabels: {version: 1.0}\nmode: null\n");
        ctx.Errors.Select(e => e.Message).Should().BeEquivalentTo(
            "hosts in body must be of type array: \"string\"",
            "port in body must be of type integer: \"string\"",
            "routes[0].weight in body must be of type integer: \"number\"",
            "labels[version] in body must be of type string: \"number\" (quote it: \"1.0\")",
            "mode in body must be of type string: \"null\"");
    }

    [Fact]
    public void Unknown_enum_values_list_the_supported_ones()
    {
        var (_, ctx) = Bind("mode: ISTIO_MUTAL\n");
        ctx.Errors.Should().ContainSingle().Which.Message.Should().Be(
            "mode: Unsupported value: \"ISTIO_MUTAL\": supported values: \"UNSET\", \"ISTIO_MUTUAL\", \"HTTP2\" (did you mean \"ISTIO_MUTUAL\"?)");
    }

    [Fact]
    public void Integers_out_of_range_are_refused()
    {
        var (_, ctx) = Bind("port: -1\nroutes: [{weight: 3000000000}]\n");
        ctx.Errors.Select(e => e.Path).Should().BeEquivalentTo("port", "routes[0].weight");
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_object()
    {
        var (s, _) = Bind("hosts: [a]\nmode: HTTP2\ntimeout: 100ms\nroutes: [{name: r, weight: 5}]\nport: 8080\npercent: 0.5\ntarget: 8080\nextra: {x: [1]}\n");
        var yaml = NodeWriter.ToYaml(Binder.Write(s!));
        var (again, ctx) = Bind(yaml);
        ctx.Errors.Should().BeEmpty();
        Binder.CanonicalJson(again!).Should().Be(Binder.CanonicalJson(s!));
        yaml.Should().Contain("mode: HTTP2").And.Contain("target: 8080");
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("100ms", 100)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    [InlineData("250us", 0.25)]
    public void Durations_parse_in_go_syntax(string text, double ms)
    {
        Duration.TryParse(text, out var v).Should().BeTrue();
        v.TotalMilliseconds.Should().Be(ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("s")]
    [InlineData("1x")]
    [InlineData("1.2.3s")]
    public void Malformed_durations_do_not_parse(string text) => Duration.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Field_errors_read_like_kubernetes()
    {
        FieldError.Required("spec.hosts").Message.Should().Be("spec.hosts: Required value");
        FieldError.Invalid("spec.http[0].route[1].weight", 120, "must be between 0 and 100").Message
            .Should().Be("spec.http[0].route[1].weight: Invalid value: 120: must be between 0 and 100");
        FieldError.Duplicate("spec.ports[1].name", "http").Message.Should().Be("spec.ports[1].name: Duplicate value: \"http\"");
    }
}
