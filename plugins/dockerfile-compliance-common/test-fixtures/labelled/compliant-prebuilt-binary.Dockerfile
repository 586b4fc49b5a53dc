FROM scratch
COPY zoneinfo /usr/share/zoneinfo
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY bin/app /app
USER 65534:65534
ENTRYPOINT ["/app"]
