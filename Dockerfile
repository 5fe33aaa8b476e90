# Controller image. Build: docker build --build-arg COMMIT=$(git rev-parse --short HEAD) -t karpenter-swift .
# (No Docker engine runs on the development machines; this file is exercised by users' CI.)
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4-openssl-dev libssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product karpenter --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/karpenter" /karpenter \
    && cp -R "$(swift build -c release --show-bin-path)/karpenter-swift_Simulation.resources" /

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4 libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ARG COMMIT=unknown
ENV KARPENTER_COMMIT=${COMMIT}
COPY --from=build /karpenter /karpenter
# `karpenter simulate` reads the simulated EC2 catalogue from this resource bundle, found next to the
# executable (the default scenario itself is compiled in).
COPY --from=build /karpenter-swift_Simulation.resources /karpenter-swift_Simulation.resources
USER 65532:65532
ENTRYPOINT ["/karpenter", "controller"]
