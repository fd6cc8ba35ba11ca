using System.IO.Pipelines;

namespace Weft.Proxy.Security.Tls;

/// <summary>The decrypted side of a terminated TLS connection, as the pipes Kestrel and the TCP relay read.</summary>
internal sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
