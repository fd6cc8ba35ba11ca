using System.Buffers;
using System.Text;
using System.Text.Json;
using Weft.Discovery.Codec;

namespace Weft.Discovery.Tests.Codec;

/// <summary>The push's encoder caches element JSON by identity and writes exactly what the codec writes.</summary>
public sealed class SnapshotEncoderTests
{
    [Fact]
    public void The_encoder_writes_the_codecs_JSON_and_reuses_it_for_shared_elements()
    {
        var encoder = new SnapshotEncoder();
        var first = Samples.Reviews("1");
        var second = first with { Version = "2", Node = new Snapshot.NodeInfo { Name = "other", Namespace = "default" } };

        var a = Encode(encoder, first);
        var b = Encode(encoder, second);

        a.Should().Be(Encoding.UTF8.GetString(SnapshotCodec.Encode(first)));
        b.Should().Be(Encoding.UTF8.GetString(SnapshotCodec.Encode(second)), "the second snapshot shares the first one's clusters and routes: their cached JSON is the same");
        SnapshotCodec.Decode(Encoding.UTF8.GetBytes(b)).Snapshot!.Node!.Name.Should().Be("other");
    }

    private static string Encode(SnapshotEncoder encoder, Snapshot.ProxySnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
            encoder.Write(w, snapshot);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
