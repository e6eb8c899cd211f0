# newsetl in a container: the image that docker-compose.yml's migrate, scheduler and worker
# services run. Built once; the repository is not mounted, so containers never write into it.
FROM python:3.11-slim
WORKDIR /src
COPY pyproject.toml README.md ./
COPY etl ./etl
COPY migrations ./migrations
RUN pip install --no-cache-dir . && rm -rf /src
WORKDIR /data
