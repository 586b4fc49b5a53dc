module example.com/reports-job

go 1.26.8
