using System.Text;
using Weft.Discovery.Codec;

namespace Weft.Discovery.Tests.Codec;

public sealed class SnapshotCodecTests
{
    [Fact]
    public void A_snapshot_survives_encoding_and_decoding_unchanged()
    {
        var original = Samples.Reviews();
        var bytes = SnapshotCodec.Encode(original);

        var decoded = SnapshotCodec.Decode(bytes);

        decoded.Errors.Should().BeEmpty();
        SnapshotCodec.Encode(decoded.Snapshot!).Should().Equal(bytes);
    }

    [Fact]
    public void Durations_and_enums_are_written_as_people_read_them()
    {
        var json = SnapshotCodec.EncodeIndented(Samples.Reviews());

        json.Should().Contain("\"timeout\": \"1.5s\"");
        json.Should().Contain("\"policy\": \"LeastRequest\"");
        json.Should().Contain("\"connectTimeout\": \"10s\"");
        json.Should().NotContain("null");
    }

    [Fact]
    public void Durations_are_read_with_any_common_unit()
    {
        var json = Encoding.UTF8.GetString(SnapshotCodec.Encode(Samples.Reviews())).Replace("\"1.5s\"", "\"250ms\"", StringComparison.Ordinal);

        var decoded = SnapshotCodec.Decode(Encoding.UTF8.GetBytes(json));

        Samples.FirstRoute(decoded.Snapshot!).Forward!.Timeout.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Malformed_json_is_reported_with_the_path_where_it_broke()
    {
        var json = Encoding.UTF8.GetString(SnapshotCodec.Encode(Samples.Reviews())).Replace("\"1.5s\"", "\"soon\"", StringComparison.Ordinal);

        var decoded = SnapshotCodec.Decode(Encoding.UTF8.GetBytes(json));

        decoded.Ok.Should().BeFalse();
        decoded.ErrorText.Should().Be("$.routeConfigurations[0].virtualHosts[0].routes[0].forward.timeout: is not valid snapshot JSON: \"soon\" is not a duration (expected a number followed by h, m, s or ms, e.g. \"1.5s\")");
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var decoded = SnapshotCodec.Decode("{\"listeners\":[]}"u8);

        decoded.ErrorText.Should().StartWith("$: is not valid snapshot JSON: JSON deserialization for type 'Weft.Discovery.Snapshot.ProxySnapshot' was missing required properties");
        decoded.ErrorText.Should().Contain("version");
    }

    [Fact]
    public void The_hash_ignores_the_version_but_not_the_content()
    {
        var a = Samples.Reviews("1");
        var b = Samples.Reviews("2");
        var c = Samples.WithRoute(a, Samples.FirstRoute(a) with { Name = "other" });

        SnapshotCodec.Hash(a).Should().Be(SnapshotCodec.Hash(b));
        SnapshotCodec.Hash(a).Should().NotBe(SnapshotCodec.Hash(c));
    }

    [Fact]
    public void Proxy_status_lists_serialize_for_weft_proxy_status()
    {
        IReadOnlyList<Weft.Discovery.Protocol.ProxyStatus> statuses =
        [
            new() { Id = "a.default", Node = new() { Name = "a", Namespace = "default" }, Peer = "127.0.0.5:4000", Connected = true, SentVersion = "2", AckedVersion = "1", LastNack = new("2", "7", "bad regex", DateTimeOffset.UnixEpoch) },
        ];

        var json = System.Text.Json.JsonSerializer.Serialize(statuses, SnapshotJsonContext.Default.IReadOnlyListProxyStatus);

        json.Should().Contain("\"sentVersion\":\"2\"").And.Contain("\"ackedVersion\":\"1\"").And.Contain("\"inSync\":false")
            .And.Contain("\"lastNack\":{\"version\":\"2\",\"nonce\":\"7\",\"error\":\"bad regex\"");
    }
}
