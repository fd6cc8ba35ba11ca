using System.CommandLine;
using System.Diagnostics;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft workload exec NAME -n NS -- COMMAND...</c>: runs a one-off command as that workload, as
/// <c>oc exec</c> does in the labs: its address in HOST and its outbound proxy (the sidecar, or the
/// plain forwarder of a workload outside the mesh) in HTTP_PROXY/http_proxy, so
/// <c>curl http://cars.travel-agency:8000/</c> goes where the workload's own calls go. Prints the
/// command's output and returns its exit code.
/// </summary>
public static class WorkloadExecCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The workload's name" };
        var command = new Argument<string[]>("COMMAND") { Description = "The command, after --", Arity = ArgumentArity.OneOrMore };
        var ns = CommonOptions.Namespace();
        var exec = new Command("exec", "Run a command as a workload (its HTTP_PROXY), print its output, return its exit code") { name, command, ns };
        exec.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var workload = r.GetValue(name)!;
            var namespaceName = r.GetValue(ns) ?? config.Namespace;
            using var api = new MeshApi(config);
            var entry = await api.TryGetAsync(MeshApi.WorkloadEntryPath(namespaceName, workload), ct)
                ?? throw new CliException($"workload \"{workload}\" not found in namespace \"{namespaceName}\" (no WorkloadEntry); `weft get workloads -A` lists them");
            if (MeshState.Str(entry, "metadata", "annotations", WorkloadAnnotations.Sidecar) is null)
                throw new CliException($"workload {namespaceName}/{workload} is registered but not run by weft on this machine (its WorkloadEntry has no {WorkloadAnnotations.Sidecar} annotation), so it has no outbound proxy to exec through");
            var address = MeshState.Str(entry, "spec", "address") ?? throw new CliException($"workload {namespaceName}/{workload} has no address");
            var proxy = $"http://{address}:15001";
            var args = WorkloadRuntime.ResolveCommand(env, r.GetValue(command)!);
            // A workload in a network namespace (--isolation netns): the command runs inside it,
            // unmodified, and the namespace's rules take its traffic to the sidecar; no proxy variables.
            var netns = NetnsSandbox.NamespaceOf(namespaceName, workload);
            var inNamespace = File.Exists(Path.Combine("/run/netns", netns));
            if (inNamespace)
                args = ["ip", "netns", "exec", netns, .. (args[0].EndsWith(".dll", StringComparison.Ordinal) ? new[] { "dotnet" } : []), .. args];
            var psi = new ProcessStartInfo(args[0].EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : args[0])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (args[0].EndsWith(".dll", StringComparison.Ordinal))
                psi.ArgumentList.Add(args[0]);
            foreach (var a in args.Skip(1))
                psi.ArgumentList.Add(a);
            psi.Environment["HOST"] = address;
            if (inNamespace)
            {
                psi.Environment.Remove("HTTP_PROXY");
                psi.Environment.Remove("http_proxy");
            }
            else
            {
                psi.Environment["HTTP_PROXY"] = proxy;
                psi.Environment["http_proxy"] = proxy;
            }
            psi.Environment.Remove("NO_PROXY");
            psi.Environment.Remove("no_proxy");
            psi.Environment["WEFT_WORKLOAD"] = workload;
            psi.Environment["WEFT_NAMESPACE"] = namespaceName;
            Process process;
            try
            {
                process = Process.Start(psi) ?? throw new CliException($"cannot start \"{args[0]}\"");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new CliException($"cannot start \"{args[0]}\": {e.Message}", 127);
            }
            using (process)
            {
                var copyOut = process.StandardOutput.BaseStream.CopyToAsync(new WriterStream(env.Out), ct);
                var copyErr = process.StandardError.BaseStream.CopyToAsync(new WriterStream(env.Error), ct);
                await process.WaitForExitAsync(ct);
                await Task.WhenAll(copyOut, copyErr);
                return process.ExitCode;
            }
        });
        return exec;
    }

    /// <summary>Bytes to a TextWriter as UTF-8 text, so a test's captured output sees what a terminal would.</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[_decoder.GetCharCount(buffer, offset, count)];
            _decoder.GetChars(buffer, offset, count, chars, 0);
            lock (writer)
                writer.Write(chars);
        }
    }
}
