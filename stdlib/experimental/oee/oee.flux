package oee
