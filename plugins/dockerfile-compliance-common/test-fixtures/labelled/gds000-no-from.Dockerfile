RUN echo hello
CMD ["/app"]
