using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Weft.Identity.Certificates;

/// <summary>
/// The names of a subjectAltName extension, read from its DER (.NET's own reader knows DNS names
/// and IP addresses but not URIs, which is where SPIFFE puts the identity). Names of kinds Weft
/// never issues (e-mail, directory names, other names) are only counted, so a policy can refuse them.
/// </summary>
public sealed record SubjectAltNames(ImmutableArray<string> Uris, ImmutableArray<string> DnsNames, ImmutableArray<IPAddress> IpAddresses, int OtherNames)
{
    public const string Oid = "2.5.29.17";

    public static readonly SubjectAltNames None = new([], [], [], 0);

    public int Count => Uris.Length + DnsNames.Length + IpAddresses.Length + OtherNames;

    /// <summary>The SAN of a certificate; <see cref="None"/> when it has none.</summary>
    /// <exception cref="CryptographicException">The extension is not valid DER.</exception>
    public static SubjectAltNames Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Of(certificate.Extensions);
    }

    /// <summary>The SAN among extensions (a certificate's, or a CSR's requested ones); several SAN extensions are merged.</summary>
    public static SubjectAltNames Of(IEnumerable<X509Extension> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var result = None;
        foreach (var e in extensions)
        {
            if (e.Oid?.Value != Oid)
                continue;
            var read = Read(e.RawData);
            result = new SubjectAltNames(result.Uris.AddRange(read.Uris), result.DnsNames.AddRange(read.DnsNames),
                result.IpAddresses.AddRange(read.IpAddresses), result.OtherNames + read.OtherNames);
        }
        return result;
    }

    /// <exception cref="CryptographicException">The bytes are not a GeneralNames SEQUENCE.</exception>
    public static SubjectAltNames Read(ReadOnlyMemory<byte> der)
    {
        var uris = ImmutableArray.CreateBuilder<string>();
        var dns = ImmutableArray.CreateBuilder<string>();
        var ips = ImmutableArray.CreateBuilder<IPAddress>();
        var others = 0;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    names.ReadEncodedValue();
                    others++;
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 2:
                        dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                        break;
                    case 6:
                        uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
                        break;
                    case 7:
                        ips.Add(new IPAddress(names.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 7))));
                        break;
                    default:
                        names.ReadEncodedValue();
                        others++;
                        break;
                }
            }
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException($"the subjectAltName extension is not valid DER: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new CryptographicException($"the subjectAltName extension has an IP address of a length that is neither 4 nor 16 bytes: {e.Message}", e);
        }
        return new SubjectAltNames(uris.ToImmutable(), dns.ToImmutable(), ips.ToImmutable(), others);
    }
}
