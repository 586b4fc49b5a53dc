// The probe of the image test (test/image): a static program that stands in for what a Go
// service does inside the generated image, run in a chroot of the image's root file system
// as 65534:65534.
//
//	probe certs DIR        writes a test CA (ca.pem) and a server certificate for 127.0.0.1
//	                       and localhost signed by it (server.pem, server-key.pem); on the host
//	probe check URL ZONE   GET URL with the default HTTP client (the system roots: the image's
//	                       CA bundle), time.LoadLocation(ZONE), and the user database's name
//	                       for the uid; prints one JSON line and exits 0
//
// Only the standard library, no cgo, no embedded roots or tzdata: everything it finds comes
// from the file system it runs in.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "certs" {
		if err := writeCerts(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) == 4 && os.Args[1] == "check" {
		out, _ := json.Marshal(check(os.Args[2], os.Args[3]))
		fmt.Println(string(out))
		return
	}
	fmt.Fprintln(os.Stderr, "usage: probe certs DIR | probe check URL ZONE")
	os.Exit(2)
}

type httpsResult struct {
	OK               bool   `json:"ok"`
	Status           int    `json:"status,omitempty"`
	Body             string `json:"body,omitempty"`
	Error            string `json:"error,omitempty"`
	UnknownAuthority bool   `json:"unknownAuthority"`
}

type zoneResult struct {
	OK bool `json:"ok"`
	// The zone's UTC offset in seconds on 2026-07-01 (summer time in Europe/Berlin: 7200).
	SummerOffset int    `json:"summerOffset,omitempty"`
	Error        string `json:"error,omitempty"`
}

type userResult struct {
	OK    bool   `json:"ok"`
	Name  string `json:"name,omitempty"`
	Error string `json:"error,omitempty"`
}

type result struct {
	UID    int         `json:"uid"`
	GID    int         `json:"gid"`
	Groups []int       `json:"groups"`
	HTTPS  httpsResult `json:"https"`
	Zone   zoneResult  `json:"zone"`
	User   userResult  `json:"user"`
}

func check(url, zone string) result {
	groups, _ := os.Getgroups()
	r := result{UID: os.Getuid(), GID: os.Getgid(), Groups: groups}
	if groups == nil {
		r.Groups = []int{}
	}

	client := &http.Client{Timeout: 10 * time.Second}
	if resp, err := client.Get(url); err != nil {
		r.HTTPS.Error = err.Error()
		var unknown x509.UnknownAuthorityError
		r.HTTPS.UnknownAuthority = errors.As(err, &unknown)
	} else {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		_ = resp.Body.Close()
		r.HTTPS = httpsResult{OK: resp.StatusCode == http.StatusOK, Status: resp.StatusCode, Body: string(body)}
	}

	if loc, err := time.LoadLocation(zone); err != nil {
		r.Zone.Error = err.Error()
	} else {
		_, offset := time.Date(2026, time.July, 1, 12, 0, 0, 0, loc).Zone()
		r.Zone = zoneResult{OK: true, SummerOffset: offset}
	}

	if u, err := user.LookupId(strconv.Itoa(os.Getuid())); err != nil {
		r.User.Error = err.Error()
	} else {
		r.User = userResult{OK: true, Name: u.Username}
	}
	return r
}

func writeCerts(dir string) error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "hardened-go image test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return err
	}
	serverKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	serverTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     []string{"localhost"},
	}
	serverDER, err := x509.CreateCertificate(rand.Reader, serverTemplate, ca, &serverKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(serverKey)
	if err != nil {
		return err
	}
	files := map[string]*pem.Block{
		"ca.pem":         {Type: "CERTIFICATE", Bytes: caDER},
		"server.pem":     {Type: "CERTIFICATE", Bytes: serverDER},
		"server-key.pem": {Type: "PRIVATE KEY", Bytes: keyDER},
	}
	for name, block := range files {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(block), 0o600); err != nil {
			return err
		}
	}
	return nil
}
