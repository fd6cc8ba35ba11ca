using Weft.Testing;

namespace Weft.Identity.Tests.Support;

/// <summary>The real openssl, for what other tools must accept of Weft's certificates and for CAs made as operators make them.</summary>
internal static class OpenSsl
{
    public static async Task<Run.Result> RunAsync(string workingDirectory, params string[] args)
    {
        var r = await Run.CommandAsync("openssl", args, workingDirectory: workingDirectory, timeout: TimeSpan.FromSeconds(60));
        return r;
    }

    public static async Task<string> MustAsync(string workingDirectory, params string[] args)
    {
        var r = await RunAsync(workingDirectory, args);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"openssl {string.Join(' ', args)} exited with {r.ExitCode}:\n{r.Output}");
        return r.StdOut;
    }

    /// <summary>
    /// Istio's cacerts made the way its docs make them (tools/certs): a root, and an intermediate
    /// CA signed by it, written as ca-cert.pem, ca-key.pem, root-cert.pem, cert-chain.pem.
    /// </summary>
    public static async Task MakeCaCertsAsync(string dir, string keyAlgorithm = "ec")
    {
        Directory.CreateDirectory(dir);
        var newKey = keyAlgorithm == "ec"
            ? new[] { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1" }
            : ["-newkey", "rsa:2048"];
        File.WriteAllText(Path.Combine(dir, "root.conf"), """
            [ req ]
            distinguished_name = dn
            prompt = no
            [ dn ]
            O = Istio
            CN = Root CA
            [ v3_root ]
            basicConstraints = critical, CA:true
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [ v3_inter ]
            basicConstraints = critical, CA:true, pathlen:0
            keyUsage = critical, keyCertSign, cRLSign, digitalSignature
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            """);
        await MustAsync(dir, ["req", "-x509", "-new", "-nodes", .. newKey, "-keyout", "root-key.pem", "-out", "root-cert.pem",
            "-days", "3650", "-config", "root.conf", "-extensions", "v3_root"]);
        await MustAsync(dir, ["req", "-new", "-nodes", .. newKey, "-keyout", "ca-key.pem", "-out", "ca.csr",
            "-subj", "/O=Istio/CN=Intermediate CA/L=vm-lab", "-config", "root.conf"]);
        await MustAsync(dir, "x509", "-req", "-in", "ca.csr", "-CA", "root-cert.pem", "-CAkey", "root-key.pem", "-CAcreateserial",
            "-out", "ca-cert.pem", "-days", "730", "-extfile", "root.conf", "-extensions", "v3_inter");
        File.WriteAllText(Path.Combine(dir, "cert-chain.pem"), File.ReadAllText(Path.Combine(dir, "ca-cert.pem")) + File.ReadAllText(Path.Combine(dir, "root-cert.pem")));
    }
}
